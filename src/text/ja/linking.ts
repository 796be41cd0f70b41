// Linking and unlinking, as the member reads it in Discord.

import { TimestampStyles, time } from '@discordjs/formatters';
import type { en } from '../en.js';
import { escapeMarkdown as md } from '../format.js';
import { LINK, REPORT } from './names.js';

const CONNECTED_APPS_URL = 'https://x.com/settings/connected_apps';
const seconds = (ms: number) => Math.ceil(ms / 1000);

export const jaLinking: (typeof en)['linking'] = {
  rolesReconnect:
    'Discordの連携ロールの接続が期限切れになったため、Xアカウントにもとづくロールが更新されなくなっています。更新するには、サーバーの連携ロールのメニュー（サーバー名 → 連携ロール）を開き、もう一度このアプリを選んでください。',
  offerNew: 'Xアカウントを連携すると、タイムラインのレポートを受け取れます。',
  offerBroken: (screenName: string) =>
    `**@${md(screenName)}** との連携が使えなくなりました（Xが受け付けなくなりました）。もう一度連携すると直ります。`,
  offerReplace: (screenName: string) =>
    `このDiscordアカウントは現在 **@${md(screenName)}** と連携しています。もう一度連携すると置き換わります。`,
  offerExpiry: (expiresAt: number) =>
    `この非公開リンクは1回だけ使え、${time(seconds(expiresAt), TimestampStyles.RelativeTime)}（${time(seconds(expiresAt), TimestampStyles.ShortTime)}）に期限が切れます。他の人に共有しないでください。`,
  offerButton: 'Xアカウントを連携',
  linked: (screenName: string) => `✅ **@${md(screenName)}** をDiscordアカウントに連携しました。次は ${REPORT} を試してみてください。`,
  cancelled: `Xで連携がキャンセルされたため、何も保存していません。いつでも ${LINK} をもう一度実行できます。`,
  interrupted:
    `ボット側で連携が途中で中断されたため、何も保存していません。もう一度 ${LINK} を実行してください。` +
    `Xの連携済みアプリ（<${CONNECTED_APPS_URL}>）にこのボットが表示されている場合も、もう一度連携すれば正しい状態に戻ります。`,
  displaced: (screenName: string, newOwnerName: string) =>
    `あなたのXアカウント **@${md(screenName)}** が、Xでそのアカウントにログインした人によって別のDiscordアカウント（${md(newOwnerName)}）に連携されました。` +
    'そのため、このアカウントはあなたとの連携が外れ、レポートと連携ロールも止まります。' +
    `心当たりがない場合は、Xのパスワードを変更し、<${CONNECTED_APPS_URL}> で連携済みアプリを確認してから、もう一度 ${LINK} を実行してください。`,
  unlinkNothing: 'あなたに連携しているXアカウントはないため、削除するものはありませんでした。',
  unlinkRolesOnly:
    'あなたに連携しているXアカウントはありませんでした。連携ロールの接続は削除し、Discordに表示中のXの情報を消すよう依頼したので、' +
    'それを条件とするロールは適用されなくなります（今Discordに接続できない場合も、ボットが再試行を続けます）。',
  otherBrowser:
    'このリンクのログインが、開始したときとは別のブラウザーからボットに戻ってきたため、処理を止めました。何も保存していません。' +
    `ご自身の操作だった場合は、もう一度 ${LINK} を実行し、1つのブラウザーで最後まで進めてください。`,
  unlinked: (screenName: string, revoked: boolean) =>
    [
      `**@${md(screenName)}** の連携を解除しました。ボットが保存していた情報はすべて削除しました。`,
      revoked
        ? 'Xでのボットのアクセス権も取り消しました。'
        : '今はXに接続できず、ボットのアクセス権を取り消せませんでした。Xが確認するまでボットが再試行を続けます。連携済みアプリからご自身で削除することもできます。',
      `Xアカウントを使えるアプリは <${CONNECTED_APPS_URL}> で確認できます。`,
    ].join('\n'),
};
