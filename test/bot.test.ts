// The wiring's reactions (src/bot.ts subscribeReactions): an unlink asks every
// module to forget the member; one that fails does not keep the others from
// forgetting, and the unlink says it failed.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { post } from '../src/local-x/posts.js';
import { type Harness, linkAccount, startHarness } from './support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ mode: 'http' });
});
afterEach(async () => {
  await h.close();
});

const ADA = '300000000000000001';
const ADA_X = { id: '1456789012345678901', screenName: 'ada_codes' };
const count = async (table: string) => Number(((await h.one(`select count(*) as n from ${table}`)) as { n: number }).n);

it('an unlink whose member-forgetting step fails still deletes the posts, and the unlink fails', async () => {
  await linkAccount(h, ADA, ADA_X);
  await h.stores.posts.savePosts(ADA_X.id, 'timeline', [post({ at: '2026-11-20T10:00:00.000Z' })], 0);
  expect(await count('x_posts')).toBe(1);
  h.stores.members.forgetMember = async () => {
    throw new Error('members table locked');
  };
  await expect(h.bot.links.unlink(ADA)).rejects.toThrow('members table locked');
  expect(await count('linked_accounts')).toBe(0);
  // Subscribed after the failing reaction: it ran all the same.
  expect(await count('x_posts')).toBe(0);
  expect(h.logs.some((l) => l.includes('a reaction to unlinked failed'))).toBe(true);
});

it('an unlink with every reaction holding succeeds and forgets the posts', async () => {
  await linkAccount(h, ADA, ADA_X);
  await h.stores.posts.savePosts(ADA_X.id, 'timeline', [post({ at: '2026-11-20T10:00:00.000Z' })], 0);
  expect(await h.bot.links.unlink(ADA)).toMatchObject({ unlinked: true, screenName: ADA_X.screenName });
  expect(await count('x_posts')).toBe(0);
});
