// The report's opening lines, in the member's catalog: what changed comes
// first (followers, then posting and likes against the previous period), or
// why there is nothing to compare yet. The fields below carry the detail, so
// nothing here repeats them.

import type { Catalog } from '../text/catalog.js';
import { escapeMarkdown } from '../text/format.js';
import type { ReportSummary } from './summary.js';

export function narrative(t: Catalog, s: ReportSummary): string {
  const r = t.report;
  const { activity, trend, followerGrowth: growth } = s;
  const days = s.period.days;
  const parts: string[] = [];
  if (growth) parts.push(r.followerChange(growth.change, growth.since, days));
  if (trend) {
    const likes = trend.likesPerPost;
    parts.push(
      r.comparedWith(days, [
        r.postsChange(activity.total, trend.previousPosts, trend.postsChange),
        likes ? r.likesPerPostChange(likes.now, likes.before, likes.change, likes.matureHours) : r.likesNotCompared,
      ]),
    );
  } else {
    // Said, not left out: a comparison that shows one day and not the next needs a reason.
    parts.push(r.noComparison(days));
  }
  if (activity.total === 0) parts.push(r.quietPeriod(escapeMarkdown(`@${s.profile.username}`), days, Boolean(s.profile.protected)));
  if (s.cut) parts.push(r.partialNote);
  return parts.join('\n');
}
