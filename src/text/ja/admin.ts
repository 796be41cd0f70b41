// /twitter-admin in Japanese: settings, the status embed and what Discord refused.

import { channelMention, roleMention, TimestampStyles, time } from '@discordjs/formatters';
import type { DiscordFailure } from '../../discord-api/guild-api.js';
import type { GatewayState } from '../../interaction/gateway-health.js';
import type { BudgetScope, en, RoleProblemKind } from '../en.js';
import { usd } from '../format.js';
import { countJa, monthJa, outageJa } from '../format-ja.js';
import { ADMIN, REPORT_PUBLIC } from './names.js';

const relative = (ms: number) => time(Math.floor(ms / 1000), TimestampStyles.RelativeTime);

/** Discord's Japanese names for the permissions the bot checks (bot-permissions.ts names them in English). */
const PERMISSION_NAMES: Record<string, string> = {
  'View Channels': 'チャンネルを見る',
  'Send Messages': 'メッセージを送信',
  'Embed Links': '埋め込みリンク',
  'Attach Files': 'ファイルを添付',
};
const permissions = (names: string[]) => names.map((n) => PERMISSION_NAMES[n] ?? n).join('、');

/** What an admin should check when Discord refused or failed a call; never the raw status or message. */
function discordFailure(failure: DiscordFailure): string {
  return {
    'missing-permissions':
      'Discordによると、ボットのロールにこの操作の権限がありません。サーバー設定 → ロールでボットのロールを確認してください。',
    'missing-access': 'Discordによると、ボットからは見えません。ボットのロールがそのチャンネルやサーバーを見られるか確認してください。',
    'unknown-member': 'Discordのメンバー一覧にボットがいません。ボットがまだこのサーバーにいるか確認してください。',
    'unknown-role': 'そのロールはこのサーバーにもうありません。別のロールを選んでください。',
    'token-refused': 'Discordがボットのトークンを拒否しました。ボットの運営者が現在の DISCORD_TOKEN を設定する必要があります。',
    unavailable: 'Discordから今は正しい応答がありませんでした。少し時間をおいてもう一度お試しください。',
    unknown:
      'Discordから想定外の応答がありました。少し時間をおいてもう一度お試しください。何度も起きる場合は、ボットの運営者にお知らせください（詳細はボットのログにあります）。',
  }[failure];
}

export const jaAdmin: (typeof en)['admin'] = {
  serverOnly: `${ADMIN} はサーバー内でのみ使えます。`,
  managersOnly: 'ボットの設定を変更できるのは、**サーバー管理**の権限を持つメンバーだけです。',
  managersOnlyStatus: 'このサーバーでのボットの状態と設定を見られるのは、**サーバー管理**の権限を持つメンバーだけです。',
  unknownSubcommand: '不明なサブコマンドです。ボットのコマンドを登録し直す必要があるかもしれません。',
  roleCleared: '連携によるロールの付与をやめました。すでに付いているロールはそのままです。',
  publicAllowed: `メンバーは ${REPORT_PUBLIC} でレポートを公開で投稿できるようになりました。`,
  privateOnly: 'レポートは常に、依頼したメンバーだけに表示されるようになりました。',
  reportsChannelSet: (channelId: string | null) =>
    channelId
      ? `公開レポートは ${channelMention(channelId)} でのみ許可されるようになりました。`
      : '公開レポートはどのチャンネルでも許可されるようになりました。',
  budgetSet: (cap: number, used: number, resetsAt: number) =>
    cap <= 0
      ? `このサーバーのX予算の上限を解除しました。今月はこれまでに${countJa(used)}件のポストを読み取りました。`
      : `このサーバーで依頼されたレポートは、1か月にXのポストを最大${countJa(cap)}件まで読み取れます。今月はこれまでに${countJa(used)}件を読み取りました。` +
        (used >= cap
          ? `\n⚠️ すでに上限に達しているため、月が変わる${relative(resetsAt)}まで、このサーバーのレポートは受け付けられません。今すぐ使えるようにするには、上限を${countJa(used)}より大きくしてください（\`0\` で上限なし）。`
          : ''),
  roleCheckFailed: (failure: DiscordFailure) => `Discordでロールを確認できませんでした: ${discordFailure(failure)}何も変更していません。`,
  nothingChanged: (problem: string) => `${problem}何も変更していません。`,
  roleSet: (roleId: string, given: number, skipped: number, failure: DiscordFailure | null) =>
    [
      `Xアカウントを連携したメンバーに ${roleMention(roleId)} を付け、連携を解除したら外すようにしました。`,
      `すでに連携済みのメンバー${given}人に付けました${skipped ? `（${skipped}人はサーバーを退出していました）` : ''}。`,
      ...(failure ? [`残りはDiscordに止められました: ${discordFailure(failure)}そのあと、もう一度実行してください。`] : []),
    ].join('\n'),
  roleProblem: (kind: RoleProblemKind, roleId: string) =>
    ({
      'missing-manage-roles': `${roleMention(roleId)} を付けられません: このサーバーでボットに**ロールの管理**の権限がありません。ボットのロールに付与してから、もう一度お試しください。`,
      'role-too-high': `${roleMention(roleId)} を付けられません: ボットの一番上のロールと同じか、それより上にあります。サーバー設定 → ロールで、ボットのロールをその上にドラッグしてから、もう一度お試しください。`,
      'managed-role': `${roleMention(roleId)} は連携サービスが管理しているため、どのボットも付けられません。通常のロールを選んでください。`,
      'everyone-role': '@everyone はすでに全員に付いています。別のロールを選んでください。',
      'unknown-role': 'そのロールはこのサーバーにもうありません。',
    })[kind],

  statusTitle: 'Xレポートボット: サーバーの状態',
  digestBadTime: (typed) =>
    `「${typed.replace(/[`*_~|\\]/g, '')}」は時刻ではありません。24時間表記（例: 09:00）で指定してください。何も変更していません。`,
  digestBadZone: (typed) =>
    `「${typed.replace(/[`*_~|\\]/g, '')}」は認識できないタイムゾーンです。Asia/Tokyo や Europe/Berlin のようなIANA名で指定してください。何も変更していません。`,
  digestSet: (channelId, weekday, hhmm, zone, next) =>
    `週間ダイジェスト（その週のランキングとハイライト）を、毎週${weekday}の${hhmm}（${zone}）に${channelMention(channelId)}へ投稿します。次回: ${time(Math.ceil(next / 1000), TimestampStyles.LongDateTime)}（${relative(next)}）。`,
  digestCannotPost: (channelId, check) =>
    'missing' in check
      ? `⚠️ ただし、現在${channelMention(channelId)}には投稿できません。そのチャンネルでボットに${permissions(check.missing)}の権限がありません。チャンネルの編集 → 権限でボットのロールに付与するか、別のチャンネルを選んでください。それまでダイジェストは投稿されず、${ADMIN} の状態表示でお知らせします。`
      : `⚠️ ただし、${channelMention(channelId)}をDiscordで確認できませんでした: ${discordFailure(check.failure)}`,
  digestOff: '週間ダイジェストを停止しました。ランキングの参加者はそのままです。',
  digestOffNone: '週間ダイジェストは設定されていません。',
  digestField: '週間ダイジェスト',
  digestNone: `停止中です。${ADMIN} の ダイジェスト 設定 で、その週のランキングをチャンネルに投稿できます。`,
  digestWhen: (channelId, weekday, hhmm, zone, next) =>
    `${channelMention(channelId)}に毎週${weekday}の${hhmm}（${zone}）。次回: ${time(Math.ceil(next / 1000), TimestampStyles.LongDateTime)}（${relative(next)}）。`,
  digestLast: (dueAt, outcome, posts, micro, detail) => {
    const when = time(Math.ceil(dueAt / 1000), TimestampStyles.ShortDateTime);
    const cost = `Xから${countJa(posts)}件のポストを取得、約${usd(micro)}`;
    if (outcome === 'posted') return `前回: ${when}、予定どおり投稿しました（${cost}）。`;
    if (outcome === 'late') return `前回: ${when}、ボットの停止により遅れて投稿しました（その旨も記載、${cost}）。`;
    if (outcome === 'skipped') return `前回: ${when}、予定から1日以上ボットが停止していたため見送りました。`;
    if (outcome === 'claimed') return `前回: ${when}、現在投稿中です。`;
    let reason = '投稿に失敗しました';
    try {
      const check = JSON.parse(detail ?? '{}') as { missing?: string[]; failure?: DiscordFailure };
      if (check.missing) reason = `そのチャンネルで${permissions(check.missing)}の権限がありませんでした`;
      else if (check.failure) reason = `Discord: ${discordFailure(check.failure)}`;
    } catch {}
    return `⚠️ 前回: ${when}、**投稿できませんでした**: ${reason}。`;
  },
  digestNextCost: (posts, micro) =>
    `次回はXから最大${countJa(posts)}件のポストを取得する可能性があります（約${usd(micro)}）。前回以降の新しい分だけを、残りの予算の範囲で取得します。`,
  linkedMembersField: '連携メンバー',
  linkedMembers: (n: number) => `このサーバーの${countJa(n)}人のメンバーがXアカウントを連携しています。`,
  settingsField: '設定',
  linkedRoleSetting: (roleId: string | null) => `連携ロール: ${roleId ? roleMention(roleId) : 'なし'}`,
  publicSetting: (open: boolean, channelId: string | null) =>
    `公開レポート: ${open ? '許可' : 'オフ（非公開のみ）'}${channelId ? `、${channelMention(channelId)} のみ` : ''}`,
  budgetSetting: (cap: number | null, capMicroUsd: number) =>
    `月間予算: ${cap === null ? '上限なし' : `ポスト${countJa(cap)}件（ポスト代で約${usd(capMicroUsd)}）`}`,
  permissionsField: '権限',
  nothingMissing: '不足している権限はありません。',
  lacksHere: (names: string[]) => `このチャンネルでボットに足りない権限: ${permissions(names)}`,
  lacksIn: (channelId: string, names: string[]) => `${channelMention(channelId)} でボットに足りない権限: ${permissions(names)}`,
  roleUncheckable: (failure: DiscordFailure) => `連携ロールを確認できませんでした: ${discordFailure(failure)}`,
  channelUnreadable: (channelId: string, failure: DiscordFailure) =>
    `${channelMention(channelId)} を読み取れません: ${discordFailure(failure)}`,
  usageField: (month: string) => `${monthJa(month)}のX利用量（UTC）`,
  usageLine: (scope: BudgetScope, used: { requests: number; postsRead: number; costMicroUsd: number }, cap: number | null) =>
    `${scope === 'server' ? 'このサーバー' : 'ボット全体'}: リクエスト${countJa(used.requests)}回、ポスト${countJa(used.postsRead)}件、約${usd(used.costMicroUsd)}（${cap === null ? '上限なし' : `上限${countJa(cap)}件`}）`,
  usageResets: (at: number) => `${relative(at)}にリセットされます。`,
  connectionField: 'Discordとの接続（ゲートウェイ）',
  connectionLine: (
    state: GatewayState,
    since: number,
    disconnects: number,
    resumes: number,
    newSessions: number,
    longestOutageMs: number,
  ) =>
    `${relative(since)}から${{ connecting: '接続中', connected: '接続済み', reconnecting: '再接続中', gone: '終了（再接続しません）' }[state]}です。\n` +
    (disconnects === 0
      ? 'ボットの起動以来、切断はありません。'
      : `ボットの起動以来、切断${countJa(disconnects)}回（再開${countJa(resumes)}回、新しいセッション${countJa(newSessions)}回。新しいセッションではイベントを取りこぼした可能性があります）。最長の切断は${outageJa(longestOutageMs)}でした。`),
};
