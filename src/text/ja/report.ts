// /report in Japanese: the replies around a report (refusals, queue, failures)
// and its opening lines; the sections' sentences are in report-sections.ts.

import { channelMention, TimestampStyles, time } from '@discordjs/formatters';
import type { CutReason } from '../../db/schema.js';
import type { XErrorKind } from '../../twitter/errors.js';
import type { BudgetScope, en } from '../en.js';
import { escapeMarkdown as md, usd } from '../format.js';
import { chartDateJa, compactJa, countJa, dateJa, datesJa, signedCountJa, signedShareJa } from '../format-ja.js';
import { ADMIN_BUDGET, LINK, PUBLIC_OPTION, REFRESH_OPTION, REPORT } from './names.js';
import { jaReportSections } from './report-sections.js';

type Report = (typeof en)['report'];
const seconds = (ms: number) => Math.ceil(ms / 1000);
const relative = (ms: number) => time(seconds(ms), TimestampStyles.RelativeTime);
const BROKEN_LINK = `連携中のアカウントをXが受け付けなくなりました（アクセス権が取り消されたか、期限切れです）。${LINK} でもう一度連携してください。`;

const replies = {
  notLinked: `まだXアカウントを連携していません。先に ${LINK} で連携してから、もう一度 ${REPORT} を実行してください。`,
  brokenLink: BROKEN_LINK,
  busy: '前回のレポートをまだ作成中です。完了するまでお待ちください。',
  queued: (ahead: number, readyAt: number | null = null) =>
    `レポートは順番待ちです（前に${countJa(ahead)}件あります）。準備ができしだいここに表示されます${readyAt === null ? '' : `。今の処理ペースだと${relative(readyAt)}の見込みです`}。`,
  unlinkedMeanwhile: 'レポートの作成中にXアカウントの連携が解除されたため、レポートは破棄し、読み取った内容も保存していません。',
  deliveredAsText: 'Discordがこのレポートの通常のレイアウトを受け付けなかったため、テキストでお届けします。',
  deliveredByDirectMessage: (days: number, askedAt: number) =>
    `${relative(askedAt)}に依頼された過去${days}日間の ${REPORT} です。Discordが返信として受け付けなくなったため、こちらにお送りします。`,
  undeliveredNote: (days: number, askedAt: number) =>
    `${relative(askedAt)}に依頼された過去${days}日間の ${REPORT} は作成できましたが、Discordが返信もダイレクトメッセージも受け付けませんでした。もう一度 ${REPORT} を実行すると表示できます。読み取ったポストは保存済みなので、再度購入することはありません。`,
  interrupted: `レポートの作成中にボットが再起動したため、完了できませんでした。もう一度 ${REPORT} を実行してください。Xから読み取った分は保存してあるので、次回はコストが下がります。`,
  cooldown: (readyAt: number) =>
    `ボットのX予算を節約するため、レポートは少し間をあけて実行できます。次は${relative(readyAt)}に実行できます。`,
  badTimeZone: (zone: string) =>
    `「${md(zone.slice(0, 60))}」は認識できないタイムゾーンです。\`Asia/Tokyo\` や \`America/New_York\` のようなIANA名を使ってください。`,
  budgetSpent: (scope: BudgetScope, resetsAt: number, cap: number, used: number) =>
    `${scope === 'server' ? 'このサーバーの管理者が、レポートが読めるXのポスト数' : 'ボットの運営者が、すべてのレポートが読めるXのポスト数'}の今月の上限を${countJa(cap)}件に設定しており、すでに${countJa(used)}件を読み取りました。` +
    `月が変わるまでレポートはXから読み取れません。${time(Math.floor(resetsAt / 1000), TimestampStyles.RelativeTime)}に再び使えるようになります。` +
    (scope === 'server'
      ? `サーバー管理者は ${ADMIN_BUDGET} で上限を引き上げられます。`
      : '上限を引き上げられるのはボットの運営者だけです。'),
  budgetHeld: (scope: BudgetScope) =>
    `${scope === 'server' ? 'このサーバーの月間X予算' : 'ボットの月間X予算'}は、実行中のレポートで使い切られています。それらが終わる数分後にもう一度お試しください。`,
  publicOff: `このサーバーでは公開レポートが無効になっています。${PUBLIC_OPTION} を付けずに ${REPORT} を実行すると、自分だけに表示されます。`,
  publicElsewhere: (channelId: string) =>
    `公開レポートは ${channelMention(channelId)} でのみ許可されています。そちらで実行するか、${PUBLIC_OPTION} を付けずに実行すると自分だけに表示されます。`,
  xFailure: (kind: XErrorKind, resetAt: number | null): string => {
    switch (kind) {
      case 'unauthorized':
        return BROKEN_LINK;
      case 'rate-limited':
        return `このボットのXのレート制限に達しました。${resetAt ? `${time(resetAt, TimestampStyles.RelativeTime)}に` : '15分ほどしてから'}もう一度お試しください。`;
      case 'usage-capped':
        return 'ボットのXアプリが、現在のXアクセスレベルの利用上限に達したため、Xがこれ以上ポストを返してくれません。ボットの運営者にお知らせください。上限がリセットされるか、アクセスレベルが上がるとレポートが再び使えます。';
      case 'access-level':
        return 'ボットのXアプリは、現在のXアクセスレベルではタイムラインを読み取れません（Xのエラー453 / client-not-enrolled）。ボットの運営者が、ポストの読み取りを含むアクセスレベル（従量課金または有料プラン）にする必要があります。';
      case 'forbidden':
        return `Xがこのタイムラインの読み取りを拒否しました。アカウントの設定を変更した場合は、もう一度 ${LINK} をお試しください。`;
      case 'unavailable':
        return 'Xが現在応答していません（ボットが何度か再試行しました）。数分後にもう一度お試しください。';
      default:
        return 'Xから読み取れない応答が返されました。しばらくしてからもう一度お試しください。';
    }
  },
  ourFailure: '申し訳ありません、ボット側の問題でレポートを作成できませんでした。少し時間をおいてもう一度お試しください。',
} satisfies Partial<Report>;

const opening = {
  title: (days: number) => `Xレポート: 過去${days}日間（今日を含む）`,
  chart: (zone: string) => ({
    title: `1日ごとのポスト数と、ついたいいね（${zone}）`,
    weeklyTitle: `1週間ごとのポスト数と、ついたいいね（${zone}）`,
    kinds: { original: 'オリジナル', reply: '返信', quote: '引用', repost: 'リポスト' },
    likes: 'いいね',
    postsAxis: 'ポスト',
    likesAxis: 'いいね',
    empty: 'この期間のポストはありません',
    impressionsTitle: '各日のポストのインプレッション',
    weeklyImpressionsTitle: '各週のポストのインプレッション',
    notRead: '未取得',
    partialWeek: (days: number) => `${days}/7日`,
    tick: compactJa,
    date: chartDateJa,
  }),
  followers: (followers: number, following: number) => ` · フォロワー${countJa(followers)}人 · フォロー中${countJa(following)}人`,
  footer: (read: { postsRead: number; postsRepeated: number; userReads: number; requests: number }, costMicro: number) => {
    if (read.postsRead === 0 && read.userReads === 0) return 'Xから新しく読み取るものはなく、このレポートの費用はかかっていません';
    const repeated = read.postsRepeated > 0 ? `（うち${countJa(read.postsRepeated)}件は今日すでに支払い済み）` : '';
    const what = [
      ...(read.postsRead > 0 ? [`ポスト${countJa(read.postsRead)}件${repeated}`] : []),
      ...(read.userReads > 0 ? ['プロフィール'] : []),
    ].join('と');
    const cost = costMicro > 0 ? `約${usd(costMicro)}` : '無料（Xはポストを1日1回だけ課金します）';
    return `Xから${what}を${countJa(read.requests)}回のリクエストで読み取りました · ${cost}`;
  },
  refreshTooSoon: (readAt: number, nextAt: number) =>
    `フォロワー数は${relative(readAt)}にXから読み取ったものです。${REFRESH_OPTION} で再取得できるのは${relative(nextAt)}です。`,
  metricsAsOfLastRead: (hours: number) =>
    hours === 0
      ? '_いいねと表示回数は、ボットが各ポストを最初に読み取った時点のものです。_'
      : `_投稿から${hours % 24 === 0 ? `${countJa(hours / 24)}日` : `${countJa(hours)}時間`}以上たったポストのいいねと表示回数は、最後に読み取った時点のものです。_`,
  quietPeriod: (handle: string, days: number, isProtected: boolean) =>
    `${handle} は過去${days}日間ポストしていません。` +
    (isProtected ? 'このアカウントは非公開のため、ポストを見られるのは本人だけですが、このレポートはそのすべてから作成しています。' : ''),
  coverage: (c: { daysRead: number; days: number; since: string; posts: number; reason: CutReason; maxPosts: number }) =>
    `**${countJa(c.days)}日間のうち直近${countJa(c.daysRead)}日分が対象です**（${datesJa(c.since)}以降）: ${
      {
        'x-cap': `直近${countJa(c.posts)}件のポスト。Xがタイムラインを返す上限（3,200件）までです`,
        'max-posts': `直近${countJa(c.posts)}件のポスト。ボットの1レポートあたりの上限（${countJa(c.maxPosts)}件）までです`,
        budget: `直近${countJa(c.posts)}件のポスト。今月のレポート用X予算で読める分までです`,
      }[c.reason]
    }。以下の数値はすべてこの期間のものです。`,
  moreCoverage: (
    more:
      | { how: 'keep-reporting'; date: string; everyDays: number; days: number }
      | { how: 'next-month' }
      | { how: 'read-on'; posts: number; reports: number; maxPosts: number; costMicroUsd: number },
  ) => {
    if (more.how === 'next-month') return '来月の予算でさらにさかのぼって読み取れます。';
    if (more.how === 'read-on') {
      const size = `それより前のポスト約${countJa(more.posts)}件、約${usd(more.costMicroUsd)}`;
      return more.reports <= 1
        ? `次のレポートで残りを読み取ります（${size}）。`
        : `次からのレポートで1回${countJa(more.maxPosts)}件までさかのぼって読み取ります（合計${size}、${countJa(more.reports)}回に分けて）。`;
    }
    return `ボットは読み取った内容を保存します。${countJa(more.everyDays)}日に1回以上レポートを実行すれば、${dateJa(more.date, true)}以降は${more.days}日間のレポートで${more.days}日すべてを対象にできます。`;
  },
  followerChange: (change: number, since: string | null, days: number) =>
    `**フォロワー${signedCountJa(change)}人**（${since ? `ボットが最初に数えた${dateJa(since, true)}から` : `この${days}日間`}）。`,
  comparedWith: (previous: string, changes: string[]) => `1つ前の同じ長さの期間（${datesJa(previous)}）と比べて: ${changes.join('、')}。`,
  postsChange: (now: number, before: number, change: number | null) =>
    `**ポスト${countJa(now)}件**（前回${countJa(before)}件${change !== null ? `、${signedShareJa(change)}` : ''}）`,
  likesPerPostChange: (now: number, before: number, change: number | null, matureHours: number) =>
    `**1ポストあたりのいいね${now.toFixed(1)}**（前回${before.toFixed(1)}${change !== null ? `、${signedShareJa(change)}` : ''}）。まだいいねが増えている新しいポストで下がらないよう、投稿から${countJa(matureHours / 24)}日以上たった自分のポストで比べています`,
  likesNotCompared: '1ポストあたりのいいねはまだ比較できません（両方の期間に十分古い自分のポストがありません）',
  noComparison: (
    days: number,
    previous: string,
    reason: 'period-partial' | 'not-stored',
    readBy: { days: number; posts: number; costMicroUsd: number } | null,
    from: { date: string; everyDays: number } | null,
  ) =>
    [
      reason === 'period-partial'
        ? `前の${days}日間とは比較していません。この期間自体が一部しか読み取れなかったためです。`
        : `前の${days}日間（${datesJa(previous)}）とは比較していません。その期間は保存されておらず、ボットは比較のためだけにポストを購入しないためです。`,
      ...(readBy
        ? [
            `${readBy.days}日間のレポートならその期間も読み取ります（約${compactJa(readBy.posts)}件のポスト、約${usd(readBy.costMicroUsd)}）。`,
          ]
        : []),
      ...(from
        ? [
            `${readBy ? 'または、' : ''}${countJa(from.everyDays)}日に1回以上レポートでタイムラインを読み取り続ければ、${dateJa(from.date, true)}から比較が表示されます。`,
          ]
        : reason === 'period-partial'
          ? ['ボットの上限では、この長さのレポートで両方の期間をすべて読み取ることはできません。']
          : []),
    ].join(''),
} satisfies Partial<Report>;

export const jaReport: Report = { ...replies, ...opening, ...jaReportSections };
