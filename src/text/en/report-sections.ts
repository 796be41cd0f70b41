// The report's sections in English: activity, engagement, the member's own X analytics, best time to post,
// top posts, topics and responsiveness.

import { count, plural, share } from '../format.js';
import { duration, INTERACTIONS, percent } from '../format-en.js';

export const enReportSections = {
  activityField: 'Activity',
  activityTotal: (total: number, perDay: number | null, wholeDays: number, lowerBound: boolean) =>
    `**${count(total)}** ${plural(total, 'post', 'posts')}${lowerBound ? ' in the days read' : ''}` +
    (perDay !== null ? ` · ${perDay.toFixed(1)}/day over ${count(wholeDays)} whole ${plural(wholeDays, 'day', 'days')}` : ''),
  activityMix: (original: number, replies: number, quotes: number, reposts: number) =>
    `${count(original)} original · ${count(replies)} ${plural(replies, 'reply', 'replies')} · ${count(quotes)} ${plural(quotes, 'quote', 'quotes')} · ${count(reposts)} ${plural(reposts, 'repost', 'reposts')}`,
  // Volume, not results: when they post most. What earns most is "Best time to post".
  busiestWeekday: (weekday: string, perDay: number) => `Most posts on ${weekday}s (${perDay.toFixed(1)} a day)`,
  busiestHour: (hour: number, zone: string, n: number) => `Most posts at ${String(hour).padStart(2, '0')}:00 ${zone} (${n})`,
  noPatterns: (posts: number, needed: number) =>
    `Too few posts on whole days read for weekday and hour patterns (${count(posts)}; needs ${count(needed)}).`,
  busiestDay: (date: string, n: number) => `Busiest day: ${date} (${n})`,
  longestStreak: (days: number, atLeast: boolean) => `Longest streak: ${days}${atLeast ? '+' : ''} ${plural(days, 'day', 'days')}`,
  engagementField: (ownPosts: number) => `Engagement on ${count(ownPosts)} own ${plural(ownPosts, 'post', 'posts')}`,
  noOwnPosts: 'No posts of their own in the days read (reposts earn for someone else), so no engagement to show.',
  likesLine: (likes: number, perPost: string) => `❤️ ${count(likes)} ${plural(likes, 'like', 'likes')} (${perPost}/post)`,
  interactionsLine: (reposts: number, replies: number, quotes: number) =>
    `🔁 ${count(reposts)} ${plural(reposts, 'repost', 'reposts')} · 💬 ${count(replies)} ${plural(replies, 'reply', 'replies')} · ❝ ${count(quotes)} ${plural(quotes, 'quote', 'quotes')}`,
  bookmarksLine: (bookmarks: number) => `🔖 ${count(bookmarks)} ${plural(bookmarks, 'bookmark', 'bookmarks')}`,
  impressionsLine: (impressions: number, perPost: number, posts: number, ownPosts: number) =>
    `👁️ ${count(impressions)} ${plural(impressions, 'impression', 'impressions')} (${count(Math.round(perPost))}/post${posts < ownPosts ? ` on the ${count(posts)} X counted` : ''})`,
  // One rate, defined where it is shown: X's own when X gives engagements, else the public interactions.
  engagementRate: (rate: { value: number; basis: 'x-engagements' | 'interactions'; posts: number }) =>
    rate.basis === 'x-engagements'
      ? `Engagement rate: ${percent(rate.value)} (X's: engagements ÷ impressions, on ${count(rate.posts)} ${plural(rate.posts, 'post', 'posts')} of the last 30 days)`
      : `Engagement rate: ${percent(rate.value)} (${INTERACTIONS} ÷ impressions)`,
  privateField: 'Your X analytics',
  privateLines: (
    days: number,
    m: { posts: number; eligible: number; profileVisits: number; linkClicks: number; engagements: number | null },
  ) =>
    [
      `👤 ${count(m.profileVisits)} profile ${plural(m.profileVisits, 'visit', 'visits')} · 🔗 ${count(m.linkClicks)} link ${plural(m.linkClicks, 'click', 'clicks')}`,
      ...(m.engagements !== null ? [`${count(m.engagements)} ${plural(m.engagements, 'engagement', 'engagements')} (X's count)`] : []),
      `_On ${count(m.posts)} of your ${count(m.eligible)} own posts ${days > 30 ? 'of the last 30 days' : 'in this period'}: X shares these with you alone, for posts of the last 30 days._`,
    ].join('\n'),
  privateMissing: (why: 'public-report' | 'no-recent-posts' | 'read-without', eligible: number) =>
    ({
      'public-report': '_Your private X analytics are shown only in private reports._',
      'no-recent-posts': '_No own posts of the last 30 days: X shares these only for those._',
      'read-without': `_Not available for your ${count(eligible)} own ${plural(eligible, 'post', 'posts')} of the last 30 days: a report reaching further back read them, and X leaves these out of such reads._`,
    })[why],
  bestTimeField: 'Best time to post',
  bestTime: (
    weekday: string,
    hour: number,
    zone: string,
    b: { hours: number; perPost: number; posts: number; average: number; compared: number; slots: number; minPerSlot: number },
  ) =>
    `**${weekday}s ${String(hour).padStart(2, '0')}:00–${String((hour + b.hours) % 24).padStart(2, '0')}:00** ${zone}: ${b.perPost.toFixed(1)} interactions per post on ${count(b.posts)} posts, against ${b.average.toFixed(1)} over the ${count(b.compared)} posts of the ${count(b.slots)} weekday-and-${b.hours}-hour blocks with ${b.minPerSlot}+ posts (posts at least 2 days old)`,
  bestTimeUnknown: (sample: number, minPerSlot: number, minSample: number) =>
    `Not enough posts to say: it needs ${minSample} own posts at least 2 days old, two weekday-and-3-hour blocks with ${minPerSlot} or more each (${count(sample)} so far).`,
  topPostsField: 'Top posts by interactions',
  topPost: (p: {
    kind: 'original' | 'reply' | 'quote' | 'repost';
    date: string;
    engagement: number;
    likes: number;
    reposts: number;
    replies: number;
    impressions: number | null;
    rate: number | null;
  }) =>
    `${p.date} · ${{ original: 'Original', reply: 'Reply', quote: 'Quote', repost: 'Repost' }[p.kind]} · **${count(p.engagement)}** ${plural(p.engagement, 'interaction', 'interactions')} (${count(p.likes)} ❤️ ${count(p.reposts)} 🔁 ${count(p.replies)} 💬${p.impressions !== null ? ` · ${count(p.impressions)} 👁️` : ''}${p.rate !== null ? ` · ${percent(p.rate)}` : ''})`,
  noTopPosts: 'None of their own posts in the days read got an interaction yet.',
  noText: '(no text)',
  topicsField: 'Topics',
  // Counted in the member's own posts: a repost's hashtags and mentions are someone else's.
  hashtags: (list: string) => `Hashtags (own posts, not reposts): ${list}`,
  mentions: (list: string) => `Accounts they mentioned: ${list}`,
  links: (list: string) => `Links: ${list}`,
  mediaShare: (mediaShare: number) => `Posts with media: ${share(mediaShare)}`,
  noTopics: 'No hashtags, mentions or links in their own posts in the days read.',
  responsivenessField: 'Responsiveness',
  mentionsReceived: (received: number, lowerBound: boolean, since: string) =>
    lowerBound
      ? `**${count(received)}+** mentions of them: the ${count(received)} most recent (since ${since}) is as many as the bot reads per report`
      : `${count(received)} ${plural(received, 'mention', 'mentions')} of them received`,
  answeredLine: (answeredShare: number, answered: number, considered: number, since: string | null) =>
    `Answered: ${share(answeredShare)} (${count(answered)} of ${count(considered)}${since ? ` since ${since}, the span both were read` : ''})`,
  medianAnswer: (ms: number) => `Median time to answer: ${duration(ms)}`,
  withinHour: (withinHourShare: number) => `Answered within 1 hour: ${share(withinHourShare)}`,
  mentionsNotRead: (bound: 'off' | 'budget'): string =>
    bound === 'off'
      ? "Mentions are not read: the bot's operator turned them off."
      : "Mentions were not read: this month's X budget left none for them.",
};
