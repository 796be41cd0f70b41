// The report's opening lines, in the member's catalog: what the report covers
// when it is less than asked (and how to get more), then what changed
// (followers, then posting and likes against the same span one period
// earlier), or why there is nothing to compare and when there can be. The
// fields below carry the detail, so nothing here repeats them.

import type { Catalog } from '../../text/catalog.js';
import { escapeMarkdown } from '../../text/format.js';
import { LocalClock } from '../local-time.js';
import type { ReportSummary } from '../summary/summary.js';

export function narrative(t: Catalog, s: ReportSummary): string {
  const r = t.report;
  const { activity, comparison: c, followerGrowth: growth, coverage } = s;
  const clock = new LocalClock(s.timeZone);
  const days = s.period.days;
  const parts: string[] = [];
  const posts = coverage.posts;
  if (posts.cut) {
    parts.push(
      r.coverage({
        daysRead: coverage.daysRead,
        days: coverage.days,
        since: clock.stamp(posts.from),
        posts: posts.count,
        reason: posts.cut,
        maxPosts: coverage.maxPosts,
      }),
    );
    if (coverage.more) parts.push(r.moreCoverage(coverage.more.how === 'keep-reporting' ? { ...coverage.more, days } : coverage.more));
  }
  if (growth) parts.push(r.followerChange(growth.change, growth.since, days));
  const previous = `${clock.stamp(c.previous.from)} → ${clock.stamp(c.previous.to)}`;
  if (c.available) {
    const likes = c.likesPerPost;
    parts.push(
      r.comparedWith(previous, [
        r.postsChange(c.posts.now, c.posts.before, c.posts.change),
        likes ? r.likesPerPostChange(likes.now, likes.before, likes.change, likes.matureHours) : r.likesNotCompared,
      ]),
    );
  } else {
    // Said, not left out: a comparison that shows one day and not the next needs a reason.
    parts.push(r.noComparison(days, previous, c.reason, c.readBy, c.from));
  }
  if (activity.total === 0 && !posts.cut) {
    parts.push(r.quietPeriod(escapeMarkdown(`@${s.profile.username}`), days, Boolean(s.profile.protected)));
  }
  const refresh = s.profileRefresh;
  if (refresh.asked && !refresh.done) parts.push(r.refreshTooSoon(refresh.readAt, refresh.nextAt));
  return parts.join('\n');
}
