// The server's leaderboard and weekly digest, in Japanese (です・ます).

import { TimestampStyles, time } from '@discordjs/formatters';
import type { BoardMetricName, en } from '../en.js';
import { escapeMarkdown as md, usd } from '../format.js';
import { countJa, durationJa } from '../format-ja.js';

const seconds = (ms: number) => Math.ceil(ms / 1000);
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${countJa(Math.abs(n))}`;
const METRIC: Record<BoardMetricName, string> = {
  engagement: 'エンゲージメント',
  followers: 'フォロワー',
  impressions: 'インプレッション',
  posts: 'ポスト数',
};
const INTERACTIONS = 'いいね・リポスト・返信・引用・ブックマーク';

export const jaLeaderboard: (typeof en)['leaderboard'] = {
  notLinked: '先に `/x連携` でXアカウントを連携してください。ランキングにはXのタイムラインの数値を使います。',
  brokenLink: 'Xとの連携が機能していません。もう一度 `/x連携` を実行してから参加してください。',
  joined:
    'このサーバーのランキングに参加しました。サーバーのメンバーは `/ランキング 表示` と週間ダイジェストで、あなたのXの数値（ポスト・エンゲージメント・インプレッション・フォロワー）を見られるようになります。`/ランキング 退出` でいつでも抜けられます。',
  joinedAlready: 'すでにこのサーバーのランキングに参加しています。`/ランキング 退出` で抜けられます。',
  left: 'このサーバーのランキングから抜けました。あなたの数値はここでは表示されません。',
  leftAlready: 'このサーバーのランキングには参加していません。',
  joinButton: 'ランキングに参加',
  joinNotHere: 'ランキングはサーバーごとのものです。ボットを導入したサーバーで作ったレポートのボタンを押してください。',
  metricName: (metric) => METRIC[metric],
  title: (metric, days) => `## 🏆 ランキング: ${METRIC[metric]}（過去${days}日間）`,
  what: (metric) =>
    ({
      engagement: `集計対象: メンバー自身のポスト（リポストを除く）への${INTERACTIONS}。各ポストを取得した時点の数値です。`,
      followers: '集計対象: Xから最後に取得したフォロワー数。増減は期間の初めからです（その時点の記録がなければ —）。',
      impressions: '集計対象: メンバー自身のポスト（リポストを除く）の表示回数。各ポストを取得した時点の数値です。',
      posts: '集計対象: メンバー自身のポスト・返信・引用（リポストを除く）。',
    })[metric],
  line: (place, userId, screenName, value, change) =>
    `**${place}位** <@${userId}> · @${md(screenName)}: **${countJa(value)}**（${change === null ? '—' : signed(change)}）`,
  empty: 'この期間の数値があるメンバーはまだいません。',
  nobody: 'このサーバーのランキングにはまだ誰も参加していません。`/ランキング 参加`（またはレポートのボタン）で参加できます。',
  you: (place, ranked) => `あなた: ${ranked}人中 **${place}位** です。`,
  youUnranked: 'ランキングに参加していますが、この期間のタイムラインはまだ保存されていません。',
  youNotOn: 'あなたはこのランキングに参加していません。`/ランキング 参加` で参加できます。',
  changeNote: (days) => `増減: その前の${days}日間との比較です（その期間が保存されていなければ —）。`,
  unranked: (n) => `${countJa(n)}人はこの期間の数値がまだ保存されていません。`,
  asOf: (at) =>
    at === null ? '数値はまだ保存されていません。' : `最も古い数値は${time(seconds(at), TimestampStyles.RelativeTime)}の時点のものです。`,
  cost: (members, posts, micro, short) =>
    [
      members > 0
        ? `今回${countJa(members)}人分をXから取得しました: 新しいポスト${countJa(posts)}件、約${usd(micro)}（このサーバーの予算から）。`
        : 'このランキングのためにXから取得したものはありません（保存済みの数値が新しいため）。費用はかかっていません。',
      short > 0 ? `${countJa(short)}人分は月間予算に余裕がないため取得していません。` : '',
    ]
      .filter(Boolean)
      .join(' '),
  privateHere: (reason) => `あなただけに表示しています: ${reason}`,
};

export const jaDigest: (typeof en)['digest'] = {
  title: (dueAt) => `## 📰 週間ダイジェスト: ${time(seconds(dueAt), TimestampStyles.LongDate)}までの1週間`,
  late: (dueAt, lateMs) =>
    `⚠️ 遅れて投稿しています: 予定は${time(seconds(dueAt), TimestampStyles.ShortDateTime)}で、${durationJa(lateMs)}前でした（ボットが停止または切断されていました）。`,
  topPost: (userId, screenName, postId, engagement, excerpt) =>
    `🔥 今週のトップポスト: <@${userId}>、[@${md(screenName)}](https://x.com/${encodeURIComponent(screenName)}/status/${postId}) のポスト（反応${countJa(engagement)}件）` +
    (excerpt.trim()
      ? `「${md(
          excerpt
            .replace(/https:\/\/t\.co\/\w+/g, '')
            .replace(/\s+/g, ' ')
            .trim(),
        )}」`
      : ''),
  grower: (userId, change) => `📈 いちばん伸びたメンバー: <@${userId}>、前の週より反応が${signed(change)}件。`,
  newcomers: (ids) => `👋 ランキング参加1週目: ${ids.map((id) => `<@${id}>`).join('、')}。`,
  stored: (at) =>
    `このダイジェストではXから取得していません。このサーバーの月間予算に余裕がないためです。${at === null ? 'まだ何も保存されていません。' : `保存済みの数値を使っています（最も古いもので${time(seconds(at), TimestampStyles.RelativeTime)}の時点）。`}`,
};
