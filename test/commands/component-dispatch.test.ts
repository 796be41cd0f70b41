// A button handler that fails is answered with a private apology that never
// takes the place of the pressed message (a report the member still wants):
// the reply if nothing answered yet, a follow-up after the press was
// acknowledged as an update, an edit of the press's own "thinking" message.

import { describe, expect, it } from 'vitest';
import { createComponentDispatcher } from '../../src/commands/dispatch.js';
import { runComponent } from '../../src/discord/run-component.js';
import type { Command, ComponentContext } from '../../src/interaction/contract.js';
import { silentLogger } from '../../src/log/logger.js';
import { pressInput, recordingTransport } from '../support/press-recorder.js';

const SORRY = 'Sorry, something went wrong on our side. Please try again in a minute.';

async function pressFailing(before: (ctx: ComponentContext) => Promise<void>): Promise<string[]> {
  const { calls, transport } = recordingTransport();
  const command = {
    data: { name: 'failing', description: 'fails' },
    execute: async () => undefined,
    components: {
      prefix: 'failing',
      handle: async (ctx: ComponentContext) => {
        await before(ctx);
        throw new Error('the handler broke');
      },
    },
  } as Command;
  const input = pressInput('failing:x');
  const log = silentLogger;
  await runComponent(input, transport, createComponentDispatcher([command], log), log, 10_000);
  return calls;
}

describe('a button handler that fails', () => {
  it('apologises privately, never in place of the pressed message', async () => {
    expect(await pressFailing(async () => undefined)).toEqual([`respond:${SORRY}`]);
    expect(await pressFailing((ctx) => ctx.deferUpdate())).toEqual(['deferUpdate', `followUp:${SORRY} (private)`]);
    expect(await pressFailing((ctx) => ctx.update({ content: 'the report' }))).toEqual([
      'update:the report',
      `followUp:${SORRY} (private)`,
    ]);
    expect(await pressFailing((ctx) => ctx.defer({ ephemeral: true }))).toEqual(['defer:true', `edit:${SORRY}`]);
  });
});
