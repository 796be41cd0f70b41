// The responder decides which Discord call a handler's reply/defer/edit
// becomes, one at a time, so an automatic defer racing a reply never sends
// two first answers.

import { describe, expect, it } from 'vitest';
import { createResponder, type InteractionTransport } from '../../src/discord/responder.js';

function recorder(fail: { respond?: number } = {}) {
  const calls: string[] = [];
  let respondFailures = fail.respond ?? 0;
  const transport: InteractionTransport = {
    async respond(message) {
      await Promise.resolve();
      if (respondFailures-- > 0) throw new Error('Discord refused');
      calls.push(`respond:${message.content}`);
    },
    async defer(ephemeral) {
      await new Promise((resolve) => setTimeout(resolve, 5)); // a slow network
      calls.push(`defer:${ephemeral}`);
    },
    async editOriginal(message) {
      calls.push(`edit:${message.content}`);
    },
  };
  return { calls, transport };
}

describe('createResponder', () => {
  it('answers once, then turns every later reply into an edit', async () => {
    const { calls, transport } = recorder();
    const r = createResponder(transport);
    await r.reply({ content: 'a' });
    await r.reply({ content: 'b' });
    await r.edit({ content: 'c' });
    expect(calls).toEqual(['respond:a', 'edit:b', 'edit:c']);
    expect(r.acknowledged).toBe(true);
  });

  it('serialises a defer and a reply fired together: the reply waits and becomes an edit', async () => {
    const { calls, transport } = recorder();
    const r = createResponder(transport);
    await Promise.all([r.defer({ ephemeral: true }), r.reply({ content: 'done' }), r.defer()]);
    expect(calls).toEqual(['defer:true', 'edit:done']);
  });

  it('stays unanswered when the first answer fails, so the next reply tries again', async () => {
    const { calls, transport } = recorder({ respond: 1 });
    const r = createResponder(transport);
    await expect(r.reply({ content: 'first' })).rejects.toThrow('Discord refused');
    expect(r.acknowledged).toBe(false);
    await r.reply({ content: 'second' });
    expect(calls).toEqual(['respond:second']);
  });
});
