// A press's first answer is either a new message or a change of the pressed
// one; whichever the handler chose, later calls edit it. A slow handler gets
// a private "thinking" message, never a change to the report it pressed on.
// And a Components V2 body carries its flag, on first answers and on edits.

import { describe, expect, it } from 'vitest';
import { createComponentResponder, runComponent } from '../../src/discord/run-component.js';
import { messageBody } from '../../src/discord-api/message-body.js';
import { InteractionWebhookClient } from '../../src/discord-api/webhooks.js';
import { createLogger } from '../../src/log/logger.js';
import { pressInput, recordingTransport } from '../support/press-recorder.js';

const recorder = recordingTransport;
const input = { ...pressInput('report:x:csv'), interactionToken: 't' };

describe('component presses', () => {
  it('sends one first answer of the kind asked, then edits', async () => {
    const a = recorder();
    const r = createComponentResponder(a.transport);
    await r.deferUpdate();
    await r.update({ content: 'progress' });
    await r.edit({ content: 'report' });
    await r.deferUpdate();
    expect(a.calls).toEqual(['deferUpdate', 'edit:progress', 'edit:report']);

    const b = recorder();
    const s = createComponentResponder(b.transport);
    await s.update({ content: 'now' });
    await s.reply({ content: 'later' });
    expect(b.calls).toEqual(['update:now', 'edit:later']);
  });

  it('answers aside without ever replacing the pressed message: reply, edit of its own message, or follow-up', async () => {
    const first = recorder();
    await createComponentResponder(first.transport).aside({ content: 'no' });
    expect(first.calls).toEqual(['respond:no']);

    for (const begin of ['deferUpdate', 'update'] as const) {
      const changed = recorder();
      const r = createComponentResponder(changed.transport);
      await (begin === 'update' ? r.update({ content: 'report' }) : r.deferUpdate());
      await r.aside({ content: 'refused' });
      await r.aside({ content: 'again' });
      expect(changed.calls.slice(1)).toEqual(['followUp:refused', 'followUp:again']);
    }

    for (const begin of ['defer', 'reply'] as const) {
      const own = recorder();
      const r = createComponentResponder(own.transport);
      await (begin === 'reply' ? r.reply({ content: 'line' }) : r.defer({ ephemeral: true }));
      await r.aside({ content: 'failed' });
      expect(own.calls.slice(1)).toEqual(['edit:failed']);
    }
  });

  it('defers a slow handler privately, and apologises privately for one that never answers', async () => {
    const slow = recorder();
    let finish!: () => void;
    const running = runComponent(input, slow.transport, () => new Promise<void>((r) => (finish = r)), createLogger('error'), 0);
    await new Promise((r) => setTimeout(r, 10));
    expect(slow.calls).toEqual(['defer:true']);
    finish();
    await running;

    const silent = recorder();
    await runComponent(input, silent.transport, async () => undefined, createLogger('error'), 10_000);
    expect(silent.calls).toEqual(['respond:Sorry, something went wrong on our side. Please try again in a minute.']);
  });

  it('sends Components V2 with its flag and without content or embeds, and keeps the flag (only) on an edit', async () => {
    const layout = [{ type: 10, content: 'hi' }] as never;
    const { body } = messageBody({ content: 'ignored', embeds: [], layout, ephemeral: true });
    expect(body).toEqual({ allowed_mentions: { parse: [] }, components: layout, flags: (1 << 15) | 64 });
    const sent: Array<Record<string, unknown>> = [];
    const client = new InteractionWebhookClient({
      apiUrl: 'http://127.0.0.1:9',
      applicationId: '1',
      fetch: async (_url, init) => {
        sent.push(JSON.parse(String(init?.body)));
        return new Response('{}', { status: 200 });
      },
    });
    await client.editOriginal('token', { layout, ephemeral: true });
    await client.editOriginal('token', { content: 'plain', ephemeral: true });
    expect(sent[0]).toMatchObject({ components: layout, flags: 1 << 15 });
    expect(sent[1]).not.toHaveProperty('flags');
  });
});
