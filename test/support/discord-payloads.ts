// Raw Discord interaction payloads, shaped as Discord sends them, and an
// Ed25519 key pair to sign them the way Discord does.

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

let counter = 0n;
const snowflake = () => (1_200_000_000_000_000_000n + ++counter).toString();

export const APPLICATION_ID = '1100000000000000001';
export const GUILD_ID = '1100000000000000002';
export const CHANNEL_ID = '1100000000000000003';
/** A server where only the member installed the bot. */
export const FOREIGN_GUILD_ID = '1100000000000000009';

export interface MemberSpec {
  id?: string;
  username?: string;
  globalName?: string | null;
  /** Permission bitfield string; omitted in DMs. */
  permissions?: string;
}

export interface CommandSpec {
  name: string;
  options?: Array<{ name: string; type: number; value?: unknown; options?: unknown[] }>;
  member?: MemberSpec;
  dm?: boolean;
  /** The bot's permissions in the channel (app_permissions). */
  appPermissions?: string;
  channelId?: string;
  /** Sent where only the member installed the bot: in a server without it, or in a group DM. */
  userInstalled?: 'server' | 'private-channel';
  /** The member's Discord locale (default en-US) and the server's (default en-US, Discord's default). */
  locale?: string;
  guildLocale?: string;
}

export function commandPayload(spec: CommandSpec): Record<string, unknown> & { id: string; token: string } {
  const user = {
    id: spec.member?.id ?? '300000000000000001',
    username: spec.member?.username ?? 'ada',
    global_name: spec.member?.globalName === undefined ? 'Ada Lovelace' : spec.member.globalName,
    discriminator: '0',
    avatar: null,
  };
  const id = snowflake();
  const token = `aW50ZXJhY3Rpb246${id}_${'x'.repeat(40)}`;
  const base = {
    id,
    application_id: APPLICATION_ID,
    type: 2,
    token,
    version: 1,
    locale: spec.locale ?? 'en-US',
    app_permissions: spec.appPermissions ?? '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    attachment_size_limit: 8_388_608,
    data: { id: snowflake(), name: spec.name, type: 1, options: spec.options ?? [] },
  };
  if (spec.userInstalled === 'private-channel') {
    const channel = { id: CHANNEL_ID, type: 3, flags: 0, recipients: [user] };
    return { ...base, context: 2, authorizing_integration_owners: { '1': user.id }, user, channel_id: CHANNEL_ID, channel };
  }
  if (spec.userInstalled === 'server') {
    return {
      ...base,
      context: 0,
      authorizing_integration_owners: { '1': user.id },
      guild_id: FOREIGN_GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: FOREIGN_GUILD_ID, name: 'elsewhere', flags: 0 },
      member: {
        user,
        roles: [],
        permissions: spec.member?.permissions ?? '2248473465835073',
        joined_at: '2024-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
      },
    };
  }
  if (spec.dm) {
    return { ...base, context: 1, user, channel_id: CHANNEL_ID, channel: { id: CHANNEL_ID, type: 1, flags: 0, recipients: [user] } };
  }
  return {
    ...base,
    context: 0,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, locale: spec.guildLocale ?? 'en-US', features: [] },
    guild_locale: spec.guildLocale ?? 'en-US',
    channel_id: spec.channelId ?? CHANNEL_ID,
    channel: { id: spec.channelId ?? CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', flags: 0, permissions: '2248473465835073' },
    member: {
      user,
      roles: [],
      permissions: spec.member?.permissions ?? '2248473465835073',
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
      communication_disabled_until: null,
    },
  };
}

export class DiscordSigner {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const der = publicKey.export({ format: 'der', type: 'spki' });
    this.publicKeyHex = der.subarray(der.length - 32).toString('hex');
  }

  /** Signed as Discord signs: over timestamp + body; the timestamp is now unless given. */
  headers(body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
    const signature = sign(null, Buffer.from(timestamp + body), this.privateKey).toString('hex');
    return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  }
}

/** A button press (interaction type 3) on one of the bot's messages, as Discord sends it. */
export function componentPayload(spec: {
  customId: string;
  member?: MemberSpec;
  channelId?: string;
  dm?: boolean;
  userInstalled?: CommandSpec['userInstalled'];
  locale?: string;
  guildLocale?: string;
}): Record<string, unknown> & {
  id: string;
  token: string;
} {
  const command = commandPayload({
    name: 'x',
    member: spec.member,
    channelId: spec.channelId,
    dm: spec.dm,
    userInstalled: spec.userInstalled,
    locale: spec.locale,
    guildLocale: spec.guildLocale,
  });
  const { data: _data, ...rest } = command;
  const channelId = spec.channelId ?? CHANNEL_ID;
  return {
    ...rest,
    type: 3,
    data: { custom_id: spec.customId, component_type: 2 },
    message: {
      id: snowflake(),
      channel_id: channelId,
      author: { id: APPLICATION_ID, username: 'xbot', discriminator: '0', avatar: null, global_name: null, bot: true },
      content: '',
      embeds: [],
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      pinned: false,
      mention_everyone: false,
      tts: false,
      timestamp: '2026-11-23T12:00:00.000000+00:00',
      edited_timestamp: null,
      flags: 1 << 15,
      type: 20,
    },
  };
}
