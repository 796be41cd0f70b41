// Retention: every growing table is bounded. Run at start and then hourly (a
// job registered in bot.ts); cheap (indexes on age) and off every request's
// path. It spans four domains' stores, so it sits with the bundle of them.

import { previousMonthStart } from '../budget/budget.js';
import { MEMBER_RETENTION_MS } from '../guilds/stores.js';
import type { Logger } from '../log/logger.js';
import { POST_RETENTION_MS } from '../report/periods.js';
import type { Stores } from './stores.js';

export const RETENTION_EVERY_MS = 60 * 60 * 1000;

/** Deletes what is past keeping; a failure is logged, to be tried again at the next run. */
export async function pruneOldData(
  stores: Pick<Stores, 'posts' | 'zones' | 'runs' | 'members'>,
  now: () => number,
  log: Logger,
): Promise<void> {
  const { posts, zones, runs, members } = stores;
  try {
    const removed = await posts.prune(now(), POST_RETENTION_MS);
    const orphaned = (await posts.forgetUnlinked()) + (await zones.forgetUnlinked());
    const folded = await runs.foldBefore(previousMonthStart(now()));
    const unseen = await members.forgetUnseenSince(now() - MEMBER_RETENTION_MS);
    if (removed + orphaned + folded + unseen > 0) log.info('old data deleted', { removed, orphaned, folded, unseen });
  } catch (err) {
    log.error('deleting old data failed', { error: err });
  }
}
