// The web pages of linking and of Discord's Linked Roles, in Japanese.

import type { en, PageText, PageTone } from '../en.js';
import { LINK_PLAIN, REPORT_PLAIN } from './names.js';

const page = (tone: PageTone, title: string, heading: string, ...paragraphs: string[]): PageText => ({
  lang: 'ja',
  title,
  heading,
  paragraphs,
  tone,
});
const RUN_AGAIN = `Discordに戻り、もう一度${LINK_PLAIN}を実行して新しいリンクを受け取ってください。`;
const ROLES_AGAIN =
  'もう一度試すには、Discordでサーバーの連携ロールのメニュー（サーバー名 → 連携ロール）を開き、このアプリを選んでください。';
const ROLES_FAILED = '連携ロールに接続できませんでした';
const LINK_FAILED = '連携に失敗しました';
const NOT_COMPLETED = '連携は完了していません';

export const jaPages: (typeof en)['pages'] = {
  notFound: page('info', 'ページが見つかりません', 'ここには何もありません', 'このアドレスはボットのものではありません。'),
  internalError: page(
    'error',
    'エラーが発生しました',
    'ボット側で問題が発生しました',
    '少し時間をおいてもう一度お試しください。何度も起きる場合は、ボットの運営者にお知らせください。',
  ),
  invalidLink: page(
    'error',
    'リンクの期限切れ',
    'このリンクは期限切れか、すでに使われています',
    'ほかの人に使われないよう、リンクは短い時間に1回だけ使えます。',
    RUN_AGAIN,
  ),
  invalidCallback: page(
    'error',
    NOT_COMPLETED,
    'このログインに対応するリンクが見つかりませんでした',
    '期限が切れたか、すでに使われたか、別のリンクから始められた可能性があります。',
    RUN_AGAIN,
  ),
  cancelled: page(
    'info',
    '連携をキャンセルしました',
    '連携はキャンセルされました',
    'Xでキャンセルされたため、何も保存していません。このタブは閉じてかまいません。',
    `もう一度試すには、Discordで${LINK_PLAIN}を実行してください。`,
  ),
  confirm: (who: string): PageText =>
    page(
      'info',
      'Xアカウントの連携',
      `Discordの ${who} にXアカウントを連携しますか？`,
      `「Xで続ける」を押すとXに移動し、ログインして読み取りのアクセスを許可します。そこで許可したXアカウントは、Discordアカウント ${who} に連携され、そのレポートと連携ロールはこのDiscordアカウントに届きます。`,
      'このDiscordアカウントがあなたのものでない場合は、このページを閉じてください。あなたのXアカウントを狙って、他人が自分のリンクを送ってきた可能性があります。',
    ),
  confirmButton: 'Xで続ける',
  otherBrowser: page(
    'error',
    NOT_COMPLETED,
    'このログインは別のブラウザーで開かれました',
    'このログインは別のブラウザーで開始された（またはこのブラウザーがボットのCookieを保持していない）ため、処理を止めました。何も連携されておらず、今後どのブラウザーでも完了できません。',
    'このアドレスを誰かから送られた場合は、それが理由です。完了していれば、あなたのXアカウントがその人のDiscordアカウントに連携されていました。',
    `ご自身のアカウントを連携するには、Discordで${LINK_PLAIN}を実行し、表示されたリンクをこのブラウザーで開いてください。`,
  ),
  cookiesNeeded: page(
    'error',
    '連携を開始できませんでした',
    'ブラウザーからボットのCookieが送られてきませんでした',
    '連携を開始したブラウザーでしか完了できないよう、Cookieを1つ使います。このサイトのCookieを許可してから、もう一度リンクを開いてください。',
  ),
  linked: (screenName: string, who: string) =>
    page(
      'success',
      '連携しました',
      `@${screenName} を ${who} に連携しました`,
      `このタブを閉じてDiscordに戻ってください。そちらで${REPORT_PLAIN}を試せます。`,
    ),
  discordIdentity: (name: string, username: string) =>
    username && username !== name ? `${name}（@${username}）` : username ? `@${username}` : name,
  xCallbackNotApproved: (callbackUrl: string) =>
    page(
      'error',
      LINK_FAILED,
      'Xがこのボットのコールバックアドレスを拒否しました',
      `Xから「Callback URL not approved」（エラー415）が返されました。${callbackUrl} がXアプリのコールバックURL一覧にありません。`,
      'ボットの運営者にお知らせください。Xの開発者ポータルで、アプリの認証設定から追加できます。',
    ),
  xRateLimited: page('error', LINK_FAILED, 'Xが混み合っています', 'Xから少し待つよう求められました。数分後にもう一度お試しください。'),
  xUnauthorized: page(
    'error',
    LINK_FAILED,
    'Xがこのログインを受け付けませんでした',
    '認可の期限が切れたか、すでに使われた可能性があります。',
    RUN_AGAIN,
  ),
  xForbidden: page(
    'error',
    LINK_FAILED,
    'Xがリクエストを拒否しました',
    'ボットのXアプリにはこの操作が許可されていません。ボットの運営者にお知らせください。',
  ),
  xUnavailable: page(
    'error',
    LINK_FAILED,
    'Xに接続できませんでした',
    'Xから正しい応答がありませんでした。数分後にもう一度お試しください。',
    RUN_AGAIN,
  ),

  roles: {
    connected: (screenName: string, who: string) =>
      page(
        'success',
        '連携ロールを更新しました',
        '完了しました。Discordに戻ってください',
        `Discordが ${who} の @${screenName} のXの情報を取得しました。それを条件とするロール（フォロワー数、アカウントの年数、ポスト数）が、利用しているすべてのサーバーで適用されます。`,
        `情報は${REPORT_PLAIN}を実行するたびに更新されます。このタブは閉じてかまいません。`,
      ),
    cancelled: page(
      'info',
      ROLES_FAILED,
      '接続はキャンセルされました',
      'Discordでキャンセルされたため、何も保存していません。このタブは閉じてかまいません。',
      ROLES_AGAIN,
    ),
    invalidState: page(
      'error',
      ROLES_FAILED,
      'このログインに対応する接続が見つかりませんでした',
      '期限が切れたか、すでに使われたか、別のブラウザーで始められた可能性があります。',
      ROLES_AGAIN,
    ),
    otherBrowser: page(
      'error',
      ROLES_FAILED,
      '開始したブラウザーで接続を完了してください',
      'このDiscordのログインは別のブラウザーで開始された（またはこのブラウザーがボットのCookieを保持していない）ため、何も保存していません。',
      ROLES_AGAIN,
    ),
    discordRefused: page(
      'error',
      ROLES_FAILED,
      'Discordがこのログインを受け付けませんでした',
      '認可の期限が切れたか、すでに使われた可能性があります。',
      ROLES_AGAIN,
    ),
    discordRateLimited: page(
      'error',
      ROLES_FAILED,
      'Discordが混み合っています',
      'Discordから少し待つよう求められました。少し時間をおいてもう一度お試しください。',
      ROLES_AGAIN,
    ),
    discordMisconfigured: page(
      'error',
      ROLES_FAILED,
      'Discordがこのボットの認証情報を拒否しました',
      'ボットの運営者にお知らせください: DISCORD_CLIENT_SECRET がアプリケーションと一致していません。',
    ),
    discordUnavailable: page(
      'error',
      ROLES_FAILED,
      'Discordに接続できませんでした',
      'Discordから正しい応答がありませんでした。数分後にもう一度お試しください。',
      ROLES_AGAIN,
    ),
    off: page('info', '連携ロールは無効です', 'このボットは連携ロールを提供していません', '運営者が有効にしていません。'),
  },
};
