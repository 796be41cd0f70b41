// What a READY after an outage is compared with: the servers the bot knew.

import { beforeEach, describe, expect, it } from 'vitest';
import { onShard } from '../../src/guilds/stores.js';
import { SqliteGuildRoster } from '../../src/storage/sqlite/guild-roster.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();
let roster: SqliteGuildRoster;
beforeEach(() => {
  roster = new SqliteGuildRoster(db.current.db, () => 1);
});

describe('SqliteGuildRoster.reconcile', () => {
  it('records the first READY without welcoming, then finds servers left and joined while away', () => {
    expect(roster.reconcile(['1', '2'])).toEqual({ gone: [], joined: [] });
    expect(roster.reconcile(['1', '2'])).toEqual({ gone: [], joined: [] });
    expect(roster.reconcile(['1', '3'])).toEqual({ gone: ['2'], joined: ['3'] });
    roster.joined('4');
    roster.left('3');
    expect(roster.reconcile(['1', '4'])).toEqual({ gone: [], joined: [] });
  });

  it('counts servers with settings or seen members as known, even before the roster was first filled', () => {
    db.current.sqlite.prepare('insert into guild_settings (guild_id, public_reports, updated_at) values (?, 1, 0)').run('9');
    db.current.sqlite.prepare('insert into guild_members (guild_id, discord_user_id, seen_at) values (?, ?, 0)').run('8', '300');
    const { gone, joined } = roster.reconcile(['1']);
    expect(new Set(gone)).toEqual(new Set(['8', '9']));
    expect(joined).toEqual([]);
  });

  it('with several shards compares only the servers of the shard whose READY it is', () => {
    // Server ids as Discord makes them: (id >> 22) % 2 picks the shard.
    const onZero = String(4n << 22n);
    const onOne = String(5n << 22n);
    expect(onShard(onZero, { id: 0, count: 2 })).toBe(true);
    expect(onShard(onOne, { id: 1, count: 2 })).toBe(true);
    expect(onShard(onOne, { id: 0, count: 2 })).toBe(false);
    roster.reconcile([onZero], { id: 0, count: 2 });
    roster.reconcile([onOne], { id: 1, count: 2 });
    // Shard 0 comes back listing its server: shard 1's is not taken for gone.
    expect(roster.reconcile([onZero], { id: 0, count: 2 })).toEqual({ gone: [], joined: [] });
    // Shard 1's server was removed while away: its own READY says so.
    expect(roster.reconcile([], { id: 1, count: 2 })).toEqual({ gone: [onOne], joined: [] });
  });
});
