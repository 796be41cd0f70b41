// Every sentence a member or admin reads, in Japanese: polite (です・ます), as
// Japanese Discord bots write it, with X's Japanese terms (ポスト, リポスト,
// いいね, インプレッション). Typed by the English catalog, so a sentence added
// there and not here fails the type check. The areas live in ja/ by the part
// of the bot that says them.

import type { PlaceKind } from '../interaction/place.js';
import type { en } from './en.js';
import { jaAdmin } from './ja/admin.js';
import { jaLinking } from './ja/linking.js';
import { ADMIN, ADMIN_STATUS, jaCommandNames, LINK, PUBLIC_OPTION, REPORT } from './ja/names.js';
import { jaPages } from './ja/pages.js';
import { jaReport } from './ja/report.js';
import { jaReportView } from './ja/report-view.js';
import { jaDigest, jaLeaderboard } from './ja/server.js';

type Catalog = typeof en;

export const ja: Catalog = {
  locale: 'ja',
  weekdays: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'],

  commands: {
    'link-twitter': '非公開のワンタイムリンクでX（旧Twitter）アカウントを連携します',
    'unlink-twitter': 'Xアカウントの連携を解除し、ボットが保存した情報をすべて削除します',
    report: '最近のXでの活動をレポートします（ポスト・エンゲージメント・話題・反応の速さ・グラフ）',
    'report days': '集計する期間（既定は30日間）',
    'report days 7': '7日間',
    'report days 30': '30日間',
    'report days 90': '90日間',
    'report public': 'チャンネルの全員に表示します（既定では自分だけに表示）',
    'report timezone': '日付と時刻に使うIANAタイムゾーン（例: Asia/Tokyo、既定はUTC）',
    'report refresh': '今日すでに取得したフォロワー数をXから取得し直します（有料の取得が1回増えます）',
    'twitter-admin': 'このサーバーでのXレポートボットの設定',
    'twitter-admin status': '連携メンバー・設定・不足している権限・今月のX利用量',
    'twitter-admin linked-role': 'Xアカウントを連携しているメンバーに付けるロール',
    'twitter-admin linked-role set': 'このロールを連携メンバーに付けます（すでに連携済みのメンバーにも）',
    'twitter-admin linked-role set role': '付けるロール',
    'twitter-admin linked-role clear': '連携によるロール付与をやめます',
    'twitter-admin reports': 'レポートを公開で投稿できるか、どこで投稿できるか',
    'twitter-admin reports visibility': 'レポートの公開投稿を許可するか、すべて非公開にするか',
    'twitter-admin reports visibility visibility': 'レポートを見られる人',
    'twitter-admin reports visibility visibility private-only': '非公開のみ',
    'twitter-admin reports visibility visibility public-allowed': '公開を許可',
    'twitter-admin reports channel': '公開レポートを1つのチャンネルに限定します（空欄ならどのチャンネルでも可）',
    'twitter-admin reports channel channel': '公開レポート用のチャンネル',
    'twitter-admin digest': 'ランキングの週間ダイジェストをチャンネルに投稿します',
    'twitter-admin digest set': '週間ダイジェストを投稿するチャンネル・曜日・時刻を設定します',
    'twitter-admin digest set channel': '投稿するチャンネル',
    'twitter-admin digest set day': '曜日',
    'twitter-admin digest set day 0': '日曜日',
    'twitter-admin digest set day 1': '月曜日',
    'twitter-admin digest set day 2': '火曜日',
    'twitter-admin digest set day 3': '水曜日',
    'twitter-admin digest set day 4': '木曜日',
    'twitter-admin digest set day 5': '金曜日',
    'twitter-admin digest set day 6': '土曜日',
    'twitter-admin digest set time': '時刻（24時間表記、例: 09:00）',
    'twitter-admin digest set timezone': 'IANAタイムゾーン（例: Asia/Tokyo、既定はUTC）',
    'twitter-admin digest off': '週間ダイジェストの投稿をやめます',
    leaderboard: 'このサーバーの参加制のXランキング',
    'leaderboard join': 'このサーバーのランキングにあなたのXの数値を表示します（いつでも抜けられます）',
    'leaderboard leave': 'このサーバーのランキングから抜けます',
    'leaderboard show': '参加メンバーの上位10人と、あなたの順位を表示します',
    'leaderboard show days': '期間（既定は7日間）',
    'leaderboard show days 7': '7日間',
    'leaderboard show days 30': '30日間',
    'leaderboard show by': '並べ替えの基準（既定はエンゲージメント）',
    'leaderboard show by engagement': 'エンゲージメント',
    'leaderboard show by followers': 'フォロワー',
    'leaderboard show by impressions': 'インプレッション',
    'leaderboard show by posts': 'ポスト数',
    'twitter-admin budget': 'このサーバーのレポートが1か月に読めるXのポスト数の上限（0で上限なし）',
    'twitter-admin budget posts-per-month': '暦月（UTC）あたりのポスト数',
  },

  commandNames: jaCommandNames,

  common: {
    failure: '申し訳ありません、ボット側で問題が発生しました。少し時間をおいてもう一度お試しください。',
    unknownCommand: 'このコマンドは現在使えません。ボットが更新された可能性があります。',
    unknownButton: 'このボタンはボットが認識できないものです（古いバージョンのものかもしれません）。コマンドをもう一度実行してください。',
    welcome: [
      `追加していただきありがとうございます！メンバーは ${LINK}（非公開のワンタイムリンク）でXアカウントを連携し、${REPORT} で最近の活動のレポートを受け取れます。`,
      `管理者の方へ: ${ADMIN_STATUS} でこのサーバーでできることを確認できます。${ADMIN} では連携メンバーに付けるロール、レポートを公開できる場所、月ごとのX予算も設定できます。`,
    ].join('\n'),
  },

  place: {
    privateHere: (kind: PlaceKind) =>
      kind === 'server'
        ? 'この内容はあなただけに表示されています。このサーバーにはボットが導入されていない（あなたのアカウントから使っている）ため、ここでは非公開で応答し、サーバーの設定は適用されません。'
        : 'この内容はあなただけに表示されています。このチャットでは、ボットは非公開で応答します。',
    reportPublicHere: (kind: PlaceKind) =>
      kind === 'server'
        ? `このサーバーにはボットが導入されていない（あなたのアカウントから使っている）ため、公開レポートは投稿できません。${PUBLIC_OPTION} を付けずに ${REPORT} を実行すると非公開で表示されます。サーバーの管理者にボットの追加を依頼することもできます。`
        : `公開レポートを投稿できるのは、ボットを導入したサーバーだけです。${PUBLIC_OPTION} を付けずに ${REPORT} を実行すると非公開で表示されます。`,
  },

  leaderboard: jaLeaderboard,
  digest: jaDigest,
  linking: jaLinking,
  pages: jaPages,
  report: jaReport,
  admin: jaAdmin,
  reportView: jaReportView,
};
