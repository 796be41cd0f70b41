// What the Japanese client shows as the commands' names, and how Japanese
// sentences name a command: as the member sees it in their picker.

import type { en } from '../en.js';

// Discord's name rule: lowercase letters (Japanese ones count), digits, - and _, at most 32.
export const jaCommandNames: (typeof en)['commandNames'] = {
  'link-twitter': 'x連携',
  'unlink-twitter': 'x連携解除',
  report: 'レポート',
  'report days': '期間',
  'report public': '公開',
  'report timezone': 'タイムゾーン',
  'report refresh': '再取得',
  'twitter-admin': 'x管理',
  'twitter-admin status': '状態',
  'twitter-admin linked-role': '連携ロール',
  'twitter-admin linked-role set': '設定',
  'twitter-admin linked-role set role': 'ロール',
  'twitter-admin linked-role clear': '解除',
  'twitter-admin reports': 'レポート設定',
  'twitter-admin reports visibility': '公開範囲',
  'twitter-admin reports visibility visibility': '公開範囲',
  'twitter-admin reports channel': 'チャンネル',
  'twitter-admin reports channel channel': 'チャンネル',
  'twitter-admin budget': '予算',
  'twitter-admin budget posts-per-month': '月間ポスト数',
  'twitter-admin digest': 'ダイジェスト',
  'twitter-admin digest set': '設定',
  'twitter-admin digest set channel': 'チャンネル',
  'twitter-admin digest set day': '曜日',
  'twitter-admin digest set time': '時刻',
  'twitter-admin digest set timezone': 'タイムゾーン',
  'twitter-admin digest off': '停止',
  leaderboard: 'ランキング',
  'leaderboard join': '参加',
  'leaderboard leave': '退出',
  'leaderboard show': '表示',
  'leaderboard show days': '期間',
  'leaderboard show by': '基準',
};

const n = jaCommandNames;
/** "/レポート", as written in a sentence (inside backticks, as Discord shows commands). */
export const LINK = `\`/${n['link-twitter']}\``;
export const UNLINK = `\`/${n['unlink-twitter']}\``;
export const REPORT = `\`/${n.report}\``;
export const REPORT_PUBLIC = `\`/${n.report} ${n['report public']}:true\``;
export const PUBLIC_OPTION = `\`${n['report public']}\``;
export const REFRESH_OPTION = `\`${n['report refresh']}:true\``;
export const ADMIN = `\`/${n['twitter-admin']}\``;
export const ADMIN_STATUS = `\`/${n['twitter-admin']} ${n['twitter-admin status']}\``;
export const ADMIN_BUDGET = `\`/${n['twitter-admin']} ${n['twitter-admin budget']}\``;
/** On web pages there are no backticks: 「/x連携」. */
export const LINK_PLAIN = `「/${n['link-twitter']}」`;
export const REPORT_PLAIN = `「/${n.report}」`;
