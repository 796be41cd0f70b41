// The one-paragraph, plain-language summary at the top of a report.

import type { ReportSummary } from './summary.js';

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

export function narrative(s: ReportSummary): string {
  const handle = `@${s.profile.username}`;
  const { activity, engagement, responsiveness, trend } = s;
  if (activity.total === 0) {
    const protectedNote = s.profile.protected
      ? ' The account is protected, so only the member can see its posts; this report is built from them all the same.'
      : '';
    return `${handle} posted nothing in the last ${s.period.days} days.${protectedNote}`;
  }
  const parts: string[] = [];
  const kinds = [
    [activity.byKind.original, 'original post', 'original posts'],
    [activity.byKind.reply, 'reply', 'replies'],
    [activity.byKind.quote, 'quote', 'quotes'],
    [activity.byKind.repost, 'repost', 'reposts'],
  ] as const;
  const mix = kinds.filter(([n]) => n > 0).map(([n, one, many]) => `${formatCount(n)} ${n === 1 ? one : many}`);
  parts.push(
    `In the last ${s.period.days} days ${handle} posted ${formatCount(activity.total)} times (${mix.join(', ')}), ` +
      `about ${activity.perDay < 10 ? activity.perDay.toFixed(1) : formatCount(activity.perDay)} a day.`,
  );
  if (activity.busiestWeekday && activity.busiestHour) {
    parts.push(
      `They are most active on ${WEEKDAYS[activity.busiestWeekday.weekday]}s around ${String(activity.busiestHour.hour).padStart(2, '0')}:00 ${s.timeZone}.`,
    );
  }
  if (engagement.ownPosts > 0) {
    const rate = engagement.rate !== null ? `, an engagement rate of ${(engagement.rate * 100).toFixed(1)}%` : '';
    parts.push(
      `Their own posts earned ${formatCount(engagement.totals.likes)} likes (${engagement.perPost.likes.toFixed(1)} per post)${rate}.`,
    );
  }
  if (responsiveness && responsiveness.received > 0 && responsiveness.answeredShare !== null) {
    const speed = responsiveness.medianResponseMs !== null ? `, typically within ${formatDuration(responsiveness.medianResponseMs)}` : '';
    parts.push(`They answered ${formatShare(responsiveness.answeredShare)} of ${formatCount(responsiveness.received)} mentions${speed}.`);
  }
  if (trend?.postsChange != null) {
    const dir = trend.postsChange >= 0 ? 'up' : 'down';
    parts.push(`Posting is ${dir} ${formatShare(Math.abs(trend.postsChange))} on the previous ${s.period.days} days.`);
  }
  if (s.cut) parts.push('Only part of the period could be read (see the note below).');
  return parts.join(' ');
}
