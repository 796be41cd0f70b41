// The report's sections in Japanese: activity, engagement, the member's own
// X analytics, best time to post, top posts, topics and responsiveness.

import type { en } from '../en.js';
import { countJa, dateJa, datesJa, durationJa, percentJa, shareJa } from '../format-ja.js';

type Report = (typeof en)['report'];
/** What 反応 counts, said wherever a figure built on it appears. */
const INTERACTIONS = 'いいね・リポスト・返信・引用・ブックマーク';
const hh = (hour: number) => `${hour}時`;
const KIND = { original: 'オリジナル', reply: '返信', quote: '引用', repost: 'リポスト' } as const;

export const jaReportSections = {
  activityField: '活動',
  activityTotal: (total: number, perDay: number | null, wholeDays: number, lowerBound: boolean) =>
    `${lowerBound ? '読み取った日に ' : ''}**${countJa(total)}**件のポスト` +
    (perDay !== null ? ` · 丸${countJa(wholeDays)}日で1日あたり${perDay.toFixed(1)}件` : ''),
  activityMix: (original: number, replies: number, quotes: number, reposts: number) =>
    `オリジナル${countJa(original)} · 返信${countJa(replies)} · 引用${countJa(quotes)} · リポスト${countJa(reposts)}`,
  busiestWeekday: (weekday: string, perDay: number) => `最も多く投稿する曜日: ${weekday}（1日あたり${perDay.toFixed(1)}件）`,
  busiestHour: (hour: number, zone: string, n: number) => `最も多く投稿する時間帯: ${hh(hour)}台 ${zone}（${n}件）`,
  noPatterns: (posts: number, needed: number) =>
    `曜日や時間帯の傾向を出すには、丸1日読み取れた日のポストが足りません（${countJa(posts)}件、必要なのは${countJa(needed)}件）。`,
  busiestDay: (date: string, n: number) => `最も多かった日: ${dateJa(date)}（${n}件）`,
  longestStreak: (days: number, atLeast: boolean) => `最長連続投稿: ${days}日${atLeast ? '以上' : ''}`,
  engagementField: (ownPosts: number) => `自分のポスト${countJa(ownPosts)}件のエンゲージメント`,
  noOwnPosts: '読み取った期間に自分のポストがないため（リポストの反応は元の投稿者のものです）、エンゲージメントは表示できません。',
  likesLine: (likes: number, perPost: string) => `❤️ いいね${countJa(likes)}（1ポストあたり${perPost}）`,
  interactionsLine: (reposts: number, replies: number, quotes: number) =>
    `🔁 リポスト${countJa(reposts)} · 💬 返信${countJa(replies)} · ❝ 引用${countJa(quotes)}`,
  bookmarksLine: (bookmarks: number) => `🔖 ブックマーク${countJa(bookmarks)}`,
  impressionsLine: (impressions: number, perPost: number, posts: number, ownPosts: number) =>
    `👁️ インプレッション${countJa(impressions)}（1ポストあたり${countJa(Math.round(perPost))}${posts < ownPosts ? `、Xが数えた${countJa(posts)}件で` : ''}）`,
  engagementRate: (rate: { value: number; basis: 'x-engagements' | 'interactions'; posts: number }) =>
    rate.basis === 'x-engagements'
      ? `エンゲージメント率: ${percentJa(rate.value)}（Xの値: エンゲージメント ÷ インプレッション、過去30日間のポスト${countJa(rate.posts)}件）`
      : `エンゲージメント率: ${percentJa(rate.value)}（${INTERACTIONS} ÷ インプレッション）`,
  privateField: 'あなたのXアナリティクス',
  privateLines: (
    days: number,
    m: { posts: number; eligible: number; profileVisits: number; linkClicks: number; engagements: number | null },
  ) =>
    [
      `👤 プロフィールへのアクセス${countJa(m.profileVisits)} · 🔗 リンクのクリック${countJa(m.linkClicks)}`,
      ...(m.engagements !== null ? [`エンゲージメント${countJa(m.engagements)}（Xの集計）`] : []),
      `_${days > 30 ? '過去30日間' : 'この期間'}の自分のポスト${countJa(m.eligible)}件のうち${countJa(m.posts)}件の値です。Xはこれらを本人にだけ、過去30日間のポストについて提供します。_`,
    ].join('\n'),
  privateMissing: (why: 'public-report' | 'no-recent-posts' | 'read-without', eligible: number) =>
    ({
      'public-report': '_非公開のXアナリティクスは、自分だけに表示するレポートでのみ表示します。_',
      'no-recent-posts': '_過去30日間に自分のポストがありません。Xはそれらについてのみ提供します。_',
      'read-without': `_過去30日間の自分のポスト${countJa(eligible)}件については表示できません。より長い期間のレポートで読み取られており、Xはそうした読み取りにはこれらを含めないためです。_`,
    })[why],
  bestTimeField: '投稿におすすめの時間',
  bestTime: (
    weekday: string,
    hour: number,
    zone: string,
    b: { hours: number; perPost: number; posts: number; average: number; compared: number; slots: number; minPerSlot: number },
  ) =>
    `**${weekday} ${hh(hour)}〜${hh((hour + b.hours) % 24)}** ${zone}: ${countJa(b.posts)}件のポストで1ポストあたり反応${b.perPost.toFixed(1)}。` +
    `${b.minPerSlot}件以上ポストのある「曜日×${b.hours}時間」の枠${countJa(b.slots)}個、計${countJa(b.compared)}件の平均は${b.average.toFixed(1)}です（投稿から2日以上たったポスト）`,
  bestTimeUnknown: (sample: number, minPerSlot: number, minSample: number) =>
    `判断するにはポストが足りません。投稿から2日以上たった自分のポストが${minSample}件、それぞれ${minPerSlot}件以上ある「曜日×3時間」の枠が2つ必要です（現在${countJa(sample)}件）。`,
  topPostsField: '反応の多いポスト',
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
    `${dateJa(p.date)} · ${KIND[p.kind]} · 反応 **${countJa(p.engagement)}**（${countJa(p.likes)} ❤️ ${countJa(p.reposts)} 🔁 ${countJa(p.replies)} 💬${p.impressions !== null ? ` · ${countJa(p.impressions)} 👁️` : ''}${p.rate !== null ? ` · ${percentJa(p.rate)}` : ''}）`,
  noTopPosts: '読み取った期間の自分のポストには、まだ反応がついていません。',
  noText: '（本文なし）',
  topicsField: '話題',
  hashtags: (list: string) => `ハッシュタグ（リポストを除く自分のポスト）: ${list}`,
  mentions: (list: string) => `メンションしたアカウント: ${list}`,
  links: (list: string) => `リンク: ${list}`,
  mediaShare: (mediaShare: number) => `メディア付きのポスト: ${shareJa(mediaShare)}`,
  noTopics: '読み取った期間の自分のポストには、ハッシュタグもメンションもリンクもありません。',
  responsivenessField: '反応の速さ',
  mentionsReceived: (received: number, lowerBound: boolean, since: string) =>
    lowerBound
      ? `受け取ったメンション **${countJa(received)}件以上**: ボットが1レポートで読み取る上限の、直近${countJa(received)}件（${datesJa(since)}以降）です`
      : `受け取ったメンション: ${countJa(received)}件`,
  answeredLine: (answeredShare: number, answered: number, considered: number, since: string | null) =>
    `返信した割合: ${shareJa(answeredShare)}（${countJa(considered)}件中${countJa(answered)}件${since ? `、両方を読み取った${datesJa(since)}以降` : ''}）`,
  medianAnswer: (ms: number) => `返信までの時間（中央値）: ${durationJa(ms)}`,
  withinHour: (withinHourShare: number) => `1時間以内に返信: ${shareJa(withinHourShare)}`,
  mentionsNotRead: (bound: 'off' | 'budget') =>
    bound === 'off'
      ? 'メンションは読み取っていません。ボットの運営者が無効にしています。'
      : 'メンションは読み取っていません。今月のX予算が残っていませんでした。',
} satisfies Partial<Report>;
