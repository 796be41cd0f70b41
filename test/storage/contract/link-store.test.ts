// The link store's contract, on whichever engine runs (engine.ts): expiry,
// single use under races, one X account per member, and forgetting a member
// with their token queued for revocation in the same step.

import { describe, expect, it } from 'vitest';
import type { RevocationRecord } from '../../../src/linking/stores.js';
import { type Engine, useEngine } from './engine.js';

const engine: Engine = useEngine();
const T0 = 1_800_000_000_000;
const links = () => engine.stores.links;

async function pending(hash: string, user = 'u1') {
  await links().createPending({
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

async function authorizing(hash: string, requestToken: string, user = 'u1') {
  await pending(hash, user);
  const link = (await links().findOpenable(hash, T0))!;
  await links().claimForAuthorization(link.id, claim(requestToken), T0, T0 + 600_000);
  return link;
}

const account = (discordUserId: string, xUserId: string) => ({
  discordUserId,
  xUserId,
  xScreenName: 'ada',
  accessTokenSealed: `token-of-${discordUserId}`,
  accessSecretSealed: 's',
  keyId: 'k',
});

describe('LinkStore', () => {
  it('finds a link until it expires', async () => {
    await pending('h1');
    expect(await links().findOpenable('h1', T0 + 599_999)).toBeDefined();
    expect(await links().findOpenable('h1', T0 + 600_000)).toBeUndefined();
    expect(await links().findOpenable('other', T0)).toBeUndefined();
  });

  it('lets exactly one of many concurrent claims win, across two replicas', async () => {
    await pending('h1');
    const link = (await links().findOpenable('h1', T0))!;
    const other = await engine.replica();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other.links : links()).claimForAuthorization(link.id, claim(`rt${i}`), T0, T0 + 1)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('will not claim an expired link', async () => {
    await pending('h1');
    const link = (await links().findOpenable('h1', T0))!;
    expect(await links().claimForAuthorization(link.id, claim('rt'), T0 + 600_000, T0 + 700_000)).toBe(false);
  });

  it('completes a link once, storing the account; the second completion fails', async () => {
    const link = await authorizing('h1', 'rt');
    expect(await links().beginExchange(link.id, T0)).toBe(true);
    expect(await links().beginExchange(link.id, T0)).toBe(false); // a second callback racing the first
    const ada = account('u1', '18446744073709551615');
    expect(await links().complete(link.id, ada, T0)).toEqual({ replaced: undefined, displaced: undefined });
    expect(await links().complete(link.id, ada, T0)).toBeNull();
    expect((await links().getAccount('u1'))?.xUserId).toBe('18446744073709551615');
  });

  it('gives an X account to the member who linked it last, and says whose it was', async () => {
    const link1 = await authorizing('h1', 'rt1', 'u1');
    await links().beginExchange(link1.id, T0);
    await links().complete(link1.id, account('u1', '42'), T0);
    const link2 = await authorizing('h2', 'rt2', 'u2');
    await links().beginExchange(link2.id, T0);
    const result = await links().complete(link2.id, account('u2', '42'), T0 + 1);
    expect(result?.displaced?.discordUserId).toBe('u1');
    expect(await links().getAccount('u1')).toBeUndefined();
    expect((await links().accountForXUser('42'))?.discordUserId).toBe('u2');
  });

  it('keeps one holder and queues every replaced token when two completions for one X account race on two replicas', async () => {
    const exchanging = async (member: string) => {
      const link = await authorizing(`h-${member}`, `rt-${member}`, member);
      await links().beginExchange(link.id, T0);
      return link.id;
    };
    const ada = await exchanging('ada');
    const bob = await exchanging('bob');
    // Each revokes the token of whoever held the X account when its transaction read it.
    let n = 0;
    const revoke = (
      own: { accessTokenSealed: string } | undefined,
      holder: { accessTokenSealed: string } | undefined,
    ): RevocationRecord[] =>
      [own, holder].flatMap((a) =>
        a
          ? [
              {
                xUserId: '42',
                sealId: `seal-${n++}`,
                accessTokenSealed: a.accessTokenSealed,
                accessSecretSealed: 's',
                createdAt: T0,
                nextAttemptAt: T0,
              },
            ]
          : [],
      );
    const other = await engine.replica();
    const [first, second] = await Promise.all([
      links().complete(ada, account('ada', '42'), T0, revoke),
      other.links.complete(bob, account('bob', '42'), T0 + 1, revoke),
    ]);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    const holders = await engine.sql<{ discord_user_id: string }>('select discord_user_id from linked_accounts');
    expect(holders).toHaveLength(1);
    // The one that lost the account had its token queued by the one that completed second.
    const loser = holders[0]!.discord_user_id === 'ada' ? 'bob' : 'ada';
    const queued = await engine.sql<{ access_token_sealed: string }>('select access_token_sealed from pending_revocations');
    expect(queued.map((r) => r.access_token_sealed)).toContain(`token-of-${loser}`);
  });

  it('puts an interrupted exchange back, or hands it to start-up recovery', async () => {
    const link = await authorizing('h1', 'rt');
    await links().beginExchange(link.id, T0);
    await links().abortExchange(link.id);
    expect((await links().findAuthorizing('rt', T0))?.state).toBe('authorizing');
    await links().beginExchange(link.id, T0);
    // Later than start-up, an exchange counts as dead only once its link is over a minute past its expiry.
    expect(await links().takeInterruptedExchanges(T0 + 600_000, false)).toEqual([]);
    expect((await links().takeInterruptedExchanges(T0 + 660_000, false)).map((l) => l.id)).toEqual([link.id]);
    expect(await links().findAuthorizing('rt', T0)).toBeUndefined();
    if (engine.name !== 'sqlite') return;
    // At start-up a SQLite process holds the file alone: every exchange left was its own, cut off.
    const other = await authorizing('h2', 'rt2');
    await links().beginExchange(other.id, T0);
    expect((await links().takeInterruptedExchanges(T0, true)).map((l) => l.id)).toEqual([other.id]);
  });

  it('re-seals only the token it opened: a member who relinked meanwhile keeps the new link’s token', async () => {
    const link1 = await authorizing('h1', 'rt1');
    await links().beginExchange(link1.id, T0);
    await links().complete(link1.id, { ...account('u1', '1'), accessTokenSealed: 'old-link' }, T0);
    const stale = (await links().getAccount('u1'))!;
    const link2 = await authorizing('h2', 'rt2');
    await links().beginExchange(link2.id, T0 + 1);
    await links().complete(link2.id, { ...account('u1', '2'), accessTokenSealed: 'new-link' }, T0 + 1);
    const resealed = { accessTokenSealed: 'old-link-resealed', accessSecretSealed: 's2', keyId: 'k2' };
    await links().reseal(stale, resealed, T0 + 2);
    expect(await links().getAccount('u1')).toMatchObject({ xUserId: '2', accessTokenSealed: 'new-link', keyId: 'k' });
    await links().reseal((await links().getAccount('u1'))!, { ...resealed, accessTokenSealed: 'new-link-resealed' }, T0 + 3);
    expect(await links().getAccount('u1')).toMatchObject({ xUserId: '2', accessTokenSealed: 'new-link-resealed', keyId: 'k2' });
  });

  it("supersedes the member's older links but not other members'", async () => {
    await pending('h1', 'u1');
    await pending('h2', 'u2');
    await pending('h3', 'u1');
    expect(await links().findOpenable('h1', T0)).toBeUndefined();
    expect(await links().findOpenable('h2', T0)).toBeDefined();
    expect(await links().findOpenable('h3', T0)).toBeDefined();
  });

  it('forgets a member completely, queueing the token for revocation in the same step', async () => {
    const link = await authorizing('h1', 'rt');
    await links().beginExchange(link.id, T0);
    await links().complete(link.id, account('u1', '1'), T0);
    await pending('h2');
    const held = (await links().getAccount('u1'))!;
    const revocation = { xUserId: '1', sealId: 's1', accessTokenSealed: 'a', accessSecretSealed: 'b', createdAt: T0, nextAttemptAt: T0 };
    expect((await links().forgetMember(held, revocation, T0))?.xScreenName).toBe('ada');
    expect(await links().getAccount('u1')).toBeUndefined();
    expect(await links().findOpenable('h2', T0)).toBeUndefined();
    expect(await engine.sql('select seal_id from pending_revocations')).toEqual([{ seal_id: 's1' }]);
    // A second unlink of the same (now gone) account changes nothing and queues nothing.
    expect(await links().forgetMember(held, { ...revocation, sealId: 's2' }, T0)).toBeUndefined();
    expect(await engine.sql('select seal_id from pending_revocations')).toEqual([{ seal_id: 's1' }]);
  });
});
