// The report message's frame in Japanese: header, headline row, buttons and
// what a press answers.

import { TimestampStyles, time } from '@discordjs/formatters';
import type { en } from '../en.js';
import { escapeMarkdown as md } from '../format.js';
import { compactJa, countJa, dateJa, datesJa, percentJa, signedCountJa, signedPointsJa, signedShareJa } from '../format-ja.js';
import { REPORT } from './names.js';

const INTERACTIONS = 'いいね・リポスト・返信・引用・ブックマーク';

export const jaReportView: (typeof en)['reportView'] = {
  period: (days: number, from: string, to: string, zone: string) =>
    `過去${days}日間（今日を含む） · ${dateJa(from)} → ${dateJa(to)}（${zone}）`,
  covers: (from: string) => `${datesJa(from)}以降のポストのみが対象です。末尾の注記をご覧ください。`,
  headline: {
    impressions: 'インプレッション',
    rate: '反応率',
    xRate: 'エンゲージメント率（Xアナリティクス）',
    followers: 'フォロワー増減',
    posts: 'ポスト',
    likesPerPost: '1ポストあたりのいいね',
    vsPrevious: (days: number) => `前の${days}日間と比較`,
    comparedWith: (previous: string) => `増減は、1つ前の同じ長さの期間（${datesJa(previous)}）との比較です。`,
    notCompared: 'まだ比較できません',
    thisPeriodOnly: 'この期間のみ',
    noImpressions: 'Xから表示回数が届いていません',
    noFollowerHistory: '2日分のフォロワー数が必要です',
    sinceFirstCount: (since: string) => `ボットが最初に数えた${dateJa(since, true)}から`,
    inPeriod: (days: number) => `この${days}日間`,
    line: (value: string, label: string, note: string) => `${label} **${value}** · ${note}`,
    change: (fraction: number, days: number) => `前の${days}日間比 ${signedShareJa(fraction)}`,
    unchangedFrom: (before: string, days: number) => `前の${days}日間は${before}`,
    matureChange: (fraction: number, days: number, matureHours: number) =>
      `前の${days}日間比 ${signedShareJa(fraction)}（投稿から${countJa(matureHours / 24)}日以上のポスト）`,
    pointsChange: (points: number, days: number, matureHours: number) =>
      `前の${days}日間比 ${signedPointsJa(points)}（投稿から${countJa(matureHours / 24)}日以上のポスト）`,
    noMatureImpressions: (matureHours: number) =>
      `比較なし：両方の期間に、投稿から${countJa(matureHours / 24)}日以上たった表示回数付きのポストがありません`,
    xRateNotCompared: '比較なし：Xはこの値を30日間しか提供しません',
    count: (n: number) => compactJa(n),
    signed: (n: number) => signedCountJa(n),
    percent: (fraction: number) => percentJa(fraction),
    perPost: (n: number) => (n < 10 ? n.toFixed(1) : countJa(n)),
    none: '—',
  },
  dataAsOf: (ms: number) => `${time(Math.floor(ms / 1000), TimestampStyles.ShortDateTime)}時点のデータ`,
  topPosts: '反応の多いポスト',
  topPost: (date: string, kind: string, interactions: number, rate: number | null) =>
    `${dateJa(date)} · ${kind} · 反応 **${countJa(interactions)}**${rate !== null ? ` · インプレッションの${percentJa(rate)}` : ''}`,
  kinds: { original: 'オリジナル', reply: '返信', quote: '引用', repost: 'リポスト' },
  more: 'その他',
  meaning: `反応は${INTERACTIONS}の合計です。増減は前の期間と同じ条件で比べています。Xから読み取った数値は、Xが返した分だけを数えています。`,
  chartAlt: (days: number, unit: 'day' | 'week') => `過去${days}日間の${unit === 'day' ? '1日' : '1週間'}ごとのポスト数とそのいいね`,
  buttons: {
    days: (days: number) => `${days}日間`,
    share: 'チャンネルに共有',
    csv: 'CSVを書き出す',
  },
  progress: (days: number, posts: number) =>
    `${days}日間のレポートを作成中です。これまでにXからポスト${countJa(posts)}件を読み取りました（まだ保存していない分だけ）。準備ができるとここに表示されます。`,
  inLine: (days: number, ahead: number, readyAt: number | null) =>
    `${days}日間のレポートは順番待ちです。先に依頼されたレポート（最大${countJa(ahead)}件）を作成中で、Xのページはそちらに先に回ります。${readyAt === null ? '' : `今の処理ペースだと${time(Math.ceil(readyAt / 1000), TimestampStyles.RelativeTime)}に準備できる見込みです。`}準備ができるとここに表示されます。`,
  reading: (days: number) =>
    `${days}日間のレポートを作成中です。Xからはまだ保存していない分だけを読み取ります。準備ができるとここに表示されます。`,
  notYours: `これは他の人のレポートです。自分のレポートは ${REPORT} で表示できます。`,
  expired: `このボタンはもう使えません（レポートが古いか、持ち主が連携を解除しました）。${REPORT} で新しいレポートを作成してください。`,
  relinked: `このレポートの後にXアカウントの連携を解除または再連携したため、ボタンは使えなくなりました。${REPORT} で新しいレポートを作成してください。`,
  samePeriod: (days: number) => `このレポートはすでに過去${days}日間を表示しています。`,
  sharedAlready: 'このレポートはすでにチャンネルに共有されています。',
  shareNotHere: '共有できるのは、公開レポートが許可されたサーバーのチャンネルで作成した非公開レポートです。',
  sharedBy: (name: string) => `${md(name)}さんが共有しました。非公開のXアナリティクスは含まれていません。`,
  csvReady: (rows: number, days: number) =>
    `過去${days}日間のあなたのポストです（${countJa(rows)}行）。本文は保存されたとおりです（最大280文字）。表計算ソフトが数式として実行しそうなセルは ' で始まります。`,
  csvEmpty: (days: number) => `過去${days}日間のあなたのポストは保存されていないため、書き出すものがありません。`,
};
