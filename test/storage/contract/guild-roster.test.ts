// The roster's contract, on whichever engine runs (engine.ts): what a READY
// after an outage is compared with, the servers the bot knew.

import { describe, expect, it } from 'vitest';
import { onShard } from '../../../src/guilds/stores.js';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const roster = () => engine.stores.roster;

describe('GuildRoster.reconcile', () => {
  it('records the first READY without welcoming, then finds servers left and joined while away', async () => {
    expect(await roster().reconcile(['1', '2'])).toEqual({ gone: [], joined: [] });
    expect(await roster().reconcile(['1', '2'])).toEqual({ gone: [], joined: [] });
    expect(await roster().reconcile(['1', '3'])).toEqual({ gone: ['2'], joined: ['3'] });
    await roster().joined('4');
    await roster().left('3');
    expect(await roster().reconcile(['1', '4'])).toEqual({ gone: [], joined: [] });
  });

  it('counts servers with settings or seen members as known, even before the roster was first filled', async () => {
    await engine.stores.settings.update('9', { publicReports: true }, 0);
    await engine.stores.members.seen('8', '300', 0);
    const { gone, joined } = await roster().reconcile(['1']);
    expect(new Set(gone)).toEqual(new Set(['8', '9']));
    expect(joined).toEqual([]);
  });

  it('with several shards compares only the servers of the shard whose READY it is', async () => {
    // Server ids as Discord makes them: (id >> 22) % 2 picks the shard.
    const onZero = String(4n << 22n);
    const onOne = String(5n << 22n);
    expect(onShard(onZero, { id: 0, count: 2 })).toBe(true);
    expect(onShard(onOne, { id: 1, count: 2 })).toBe(true);
    expect(onShard(onOne, { id: 0, count: 2 })).toBe(false);
    await roster().reconcile([onZero], { id: 0, count: 2 });
    await roster().reconcile([onOne], { id: 1, count: 2 });
    // Shard 0 comes back listing its server: shard 1's is not taken for gone.
    expect(await roster().reconcile([onZero], { id: 0, count: 2 })).toEqual({ gone: [], joined: [] });
    // Shard 1's server was removed while away: its own READY says so.
    expect(await roster().reconcile([], { id: 1, count: 2 })).toEqual({ gone: [onOne], joined: [] });
  });
});
