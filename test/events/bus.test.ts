// The event bus: reactions run in the order subscribed, one at a time; one
// that fails is logged and the rest still run; emitAll reports the failures
// after every reaction has had its turn.

import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/events/bus.js';
import { createLogger } from '../../src/log/logger.js';

interface Events {
  linked: { id: string };
  unlinked: { id: string };
}

function bus() {
  const logs: string[] = [];
  return { events: new EventBus<Events>(createLogger('debug', (line) => logs.push(line))), logs };
}

describe('EventBus', () => {
  it('runs reactions in subscription order, each finished before the next starts', async () => {
    const { events } = bus();
    const seen: string[] = [];
    events.on('linked', async ({ id }) => {
      seen.push(`first start ${id}`);
      await new Promise((r) => setImmediate(r));
      seen.push(`first end ${id}`);
    });
    events.on('linked', ({ id }) => void seen.push(`second ${id}`));
    events.on('unlinked', () => void seen.push('wrong event'));
    await events.emit('linked', { id: 'a' });
    expect(seen).toEqual(['first start a', 'first end a', 'second a']);
  });

  it('emit with no subscriber does nothing', async () => {
    await expect(bus().events.emit('linked', { id: 'a' })).resolves.toBeUndefined();
  });

  it('emit logs a failing reaction, runs the rest and never throws', async () => {
    const { events, logs } = bus();
    const seen: string[] = [];
    events.on('linked', () => {
      throw new Error('roles down');
    });
    events.on('linked', async () => {
      await Promise.reject(new Error('async failure'));
    });
    events.on('linked', ({ id }) => void seen.push(id));
    await expect(events.emit('linked', { id: 'b' })).resolves.toBeUndefined();
    expect(seen).toEqual(['b']);
    const failures = logs.filter((l) => l.includes('a reaction to linked failed'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain('roles down');
    expect(failures[1]).toContain('async failure');
  });

  it('emitAll runs every reaction, then throws the one failure', async () => {
    const { events } = bus();
    const seen: string[] = [];
    events.on('unlinked', () => {
      throw new Error('could not forget');
    });
    events.on('unlinked', ({ id }) => void seen.push(id));
    await expect(events.emitAll('unlinked', { id: 'c' })).rejects.toThrow('could not forget');
    expect(seen).toEqual(['c']); // the later reaction still deleted what it keeps
  });

  it('emitAll throws all failures together when several fail', async () => {
    const { events } = bus();
    events.on('unlinked', () => {
      throw new Error('one');
    });
    events.on('unlinked', () => {
      throw new Error('two');
    });
    const err = await events.emitAll('unlinked', { id: 'd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map((e: Error) => e.message)).toEqual(['one', 'two']);
  });

  it('emitAll resolves when every reaction holds', async () => {
    const { events } = bus();
    events.on('unlinked', async () => undefined);
    await expect(events.emitAll('unlinked', { id: 'e' })).resolves.toBeUndefined();
  });
});
