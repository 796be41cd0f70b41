// The one-paragraph, plain-language summary at the top of a report, in the
// member's catalog.

import type { Catalog } from '../text/catalog.js';
import type { ReportSummary } from './summary.js';

export function narrative(t: Catalog, s: ReportSummary): string {
  const r = t.report;
  const handle = `@${s.profile.username}`;
  const { activity, engagement, responsiveness, trend } = s;
  if (activity.total === 0) return r.quietPeriod(handle, s.period.days, Boolean(s.profile.protected));
  const kinds = (['original', 'reply', 'quote', 'repost'] as const).filter((k) => activity.byKind[k] > 0);
  const parts = [
    r.postedTimes(
      s.period.days,
      handle,
      activity.total,
      kinds.map((k) => r.kindCount(k, activity.byKind[k])),
      activity.perDay,
    ),
  ];
  if (activity.busiestWeekday && activity.busiestHour) {
    parts.push(r.mostActive(t.weekdays[activity.busiestWeekday.weekday] ?? '', activity.busiestHour.hour, s.timeZone));
  }
  if (engagement.ownPosts > 0) parts.push(r.earned(engagement.totals.likes, engagement.perPost.likes, engagement.rate));
  if (responsiveness && responsiveness.received > 0 && responsiveness.answeredShare !== null) {
    parts.push(r.answered(responsiveness.answeredShare, responsiveness.received, responsiveness.medianResponseMs));
  }
  if (trend?.postsChange != null) parts.push(r.postingTrend(trend.postsChange, s.period.days));
  if (s.cut) parts.push(r.partialNote);
  return parts.join(' ');
}
