// The store against a real SQLite file: expiry and single use under races.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { SqliteLinkStore } from '../../src/storage/sqlite/link-store.js';

let dir: string;
let database: Database;
let store: SqliteLinkStore;
const T0 = 1_800_000_000_000;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xbot-store-'));
  database = openDatabase(join(dir, 'nested', 'bot.sqlite'));
  store = new SqliteLinkStore(database.db);
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

function pending(hash: string, user = 'u1') {
  store.createPending({
    tokenHash: hash,
    discordUserId: user,
    discordUserName: 'Ada',
    discordUsername: 'ada',
    guildId: null,
    locale: null,
    interactionTokenSealed: 'sealed',
    createdAt: T0,
    interactionExpiresAt: T0 + 900_000,
    expiresAt: T0 + 600_000,
  });
}

const claim = (requestToken: string) => ({ requestToken, requestSecretSealed: 's', browserHash: 'b' });

function authorizing(hash: string, requestToken: string, user = 'u1') {
  pending(hash, user);
  const link = store.findOpenable(hash, T0)!;
  store.claimForAuthorization(link.id, claim(requestToken), T0, T0 + 600_000);
  return link;
}

describe('SqliteLinkStore', () => {
  it('opens the database in WAL mode with migrations applied', () => {
    expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = database.sqlite.prepare("select name from sqlite_master where type='table'").all();
    expect(tables).toEqual(expect.arrayContaining([{ name: 'pending_links' }, { name: 'linked_accounts' }]));
  });

  it('finds a link until it expires', () => {
    pending('h1');
    expect(store.findOpenable('h1', T0 + 599_999)).toBeDefined();
    expect(store.findOpenable('h1', T0 + 600_000)).toBeUndefined();
    expect(store.findOpenable('other', T0)).toBeUndefined();
  });

  it('lets exactly one of many concurrent claims win', async () => {
    pending('h1');
    const link = store.findOpenable('h1', T0)!;
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => Promise.resolve().then(() => store.claimForAuthorization(link.id, claim(`rt${i}`), T0, T0 + 1))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('will not claim an expired link', () => {
    pending('h1');
    const link = store.findOpenable('h1', T0)!;
    expect(store.claimForAuthorization(link.id, claim('rt'), T0 + 600_000, T0 + 700_000)).toBe(false);
  });

  it('completes a link once, storing the account; the second completion fails', () => {
    const link = authorizing('h1', 'rt');
    expect(store.beginExchange(link.id, T0)).toBe(true);
    expect(store.beginExchange(link.id, T0)).toBe(false); // a second callback racing the first
    const account = {
      discordUserId: 'u1',
      xUserId: '18446744073709551615',
      xScreenName: 'ada',
      accessTokenSealed: 'a',
      accessSecretSealed: 'b',
      keyId: 'k',
    };
    expect(store.complete(link.id, account, T0)).toEqual({ replaced: undefined, displaced: undefined });
    expect(store.complete(link.id, account, T0)).toBeNull();
    expect(store.getAccount('u1')?.xUserId).toBe('18446744073709551615');
  });

  it('gives an X account to the member who linked it last, and says whose it was', () => {
    const first = { discordUserId: 'u1', xUserId: '42', xScreenName: 'ada', accessTokenSealed: 'a', accessSecretSealed: 'b', keyId: 'k' };
    const link1 = authorizing('h1', 'rt1', 'u1');
    store.beginExchange(link1.id, T0);
    store.complete(link1.id, first, T0);
    const link2 = authorizing('h2', 'rt2', 'u2');
    store.beginExchange(link2.id, T0);
    const result = store.complete(link2.id, { ...first, discordUserId: 'u2' }, T0 + 1);
    expect(result?.displaced?.discordUserId).toBe('u1');
    expect(store.getAccount('u1')).toBeUndefined();
    expect(store.accountForXUser('42')?.discordUserId).toBe('u2');
  });

  it('puts an interrupted exchange back, or hands it to start-up recovery', () => {
    const link = authorizing('h1', 'rt');
    store.beginExchange(link.id, T0);
    store.abortExchange(link.id);
    expect(store.findAuthorizing('rt', T0)?.state).toBe('authorizing');
    store.beginExchange(link.id, T0);
    // Later than start-up, an exchange counts as dead only once its link is over a minute past its expiry.
    expect(store.takeInterruptedExchanges(T0 + 600_000, false)).toEqual([]);
    expect(store.takeInterruptedExchanges(T0 + 660_000, false).map((l) => l.id)).toEqual([link.id]);
    expect(store.findAuthorizing('rt', T0)).toBeUndefined();
    // At start-up this process holds the file alone: every exchange left was its own, cut off.
    const other = authorizing('h2', 'rt2');
    store.beginExchange(other.id, T0);
    expect(store.takeInterruptedExchanges(T0, true).map((l) => l.id)).toEqual([other.id]);
  });

  it("supersedes the member's older links but not other members'", () => {
    pending('h1', 'u1');
    pending('h2', 'u2');
    pending('h3', 'u1');
    expect(store.findOpenable('h1', T0)).toBeUndefined();
    expect(store.findOpenable('h2', T0)).toBeDefined();
    expect(store.findOpenable('h3', T0)).toBeDefined();
  });

  it('forgets a member completely, queueing the token for revocation in the same step', () => {
    const link = authorizing('h1', 'rt');
    store.beginExchange(link.id, T0);
    store.complete(
      link.id,
      { discordUserId: 'u1', xUserId: '1', xScreenName: 'a', accessTokenSealed: 'a', accessSecretSealed: 'b', keyId: 'k' },
      T0,
    );
    pending('h2');
    const account = store.getAccount('u1')!;
    const revocation = { xUserId: '1', sealId: 's1', accessTokenSealed: 'a', accessSecretSealed: 'b', createdAt: T0, nextAttemptAt: T0 };
    expect(store.forgetMember(account, revocation, T0)?.xScreenName).toBe('a');
    expect(store.getAccount('u1')).toBeUndefined();
    expect(store.findOpenable('h2', T0)).toBeUndefined();
    expect(database.sqlite.prepare('select seal_id from pending_revocations').all()).toEqual([{ seal_id: 's1' }]);
    // A second unlink of the same (now gone) account changes nothing and queues nothing.
    expect(store.forgetMember(account, { ...revocation, sealId: 's2' }, T0)).toBeUndefined();
    expect(database.sqlite.prepare('select count(*) as n from pending_revocations').get()).toEqual({ n: 1 });
  });
});
