// What reading from X costs: X bills every post and every user object it
// returns (pay-per-use), a post at most once per UTC day, failed requests not
// at all. Costs are kept in
// millionths of a dollar, so monthly sums stay exact.

import type { Pricing } from '../config/env.js';
import type { Usage } from '../twitter/v2-client.js';

export function costMicroUsd(
  usage: Pick<Usage, 'postsRead' | 'userReads'> & Partial<Pick<Usage, 'postsRepeated'>>,
  pricing: Pricing,
): number {
  const billedPosts = usage.postsRead - (usage.postsRepeated ?? 0);
  return Math.round(billedPosts * pricing.postUsd * 1_000_000 + usage.userReads * pricing.userUsd * 1_000_000);
}

/** X's billing day of a moment (days since the epoch, UTC): a post is billed at most once per such day. */
export function billingDay(ms: number): number {
  return Math.floor(ms / 86_400_000);
}
