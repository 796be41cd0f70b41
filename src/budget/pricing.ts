// What reading from X costs: X bills every post and every user object it
// returns (pay-per-use), failed requests not at all. Costs are kept in
// millionths of a dollar, so monthly sums stay exact.

import type { Pricing } from '../config/env.js';
import type { Usage } from '../twitter/v2-client.js';

export function costMicroUsd(usage: Pick<Usage, 'postsRead' | 'userReads'>, pricing: Pricing): number {
  return Math.round(usage.postsRead * pricing.postUsd * 1_000_000 + usage.userReads * pricing.userUsd * 1_000_000);
}
