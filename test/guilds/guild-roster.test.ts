// What a READY after an outage is compared with: the servers the bot knew.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { GuildRoster } from '../../src/guilds/guild-roster.js';

let dir: string;
let database: Database;
let roster: GuildRoster;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xbot-roster-'));
  database = openDatabase(join(dir, 'bot.sqlite'));
  roster = new GuildRoster(database.db, () => 1);
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GuildRoster.reconcile', () => {
  it('records the first READY without welcoming, then finds servers left and joined while away', () => {
    expect(roster.reconcile(['1', '2'])).toEqual({ gone: [], joined: [] });
    expect(roster.reconcile(['1', '2'])).toEqual({ gone: [], joined: [] });
    expect(roster.reconcile(['1', '3'])).toEqual({ gone: ['2'], joined: ['3'] });
    roster.joined('4');
    roster.left('3');
    expect(roster.reconcile(['1', '4'])).toEqual({ gone: [], joined: [] });
  });

  it('counts servers with settings or seen members as known, even before the roster was first filled', () => {
    database.sqlite.prepare('insert into guild_settings (guild_id, public_reports, updated_at) values (?, 1, 0)').run('9');
    database.sqlite.prepare('insert into guild_members (guild_id, discord_user_id, seen_at) values (?, ?, 0)').run('8', '300');
    const { gone, joined } = roster.reconcile(['1']);
    expect(new Set(gone)).toEqual(new Set(['8', '9']));
    expect(joined).toEqual([]);
  });
});
