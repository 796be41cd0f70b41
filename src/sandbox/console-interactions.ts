// Interactions as Discord builds them when a member of the console runs a
// command, types into an option or presses a button: the payload (member or
// user, place, permissions, locale), signed with the sandbox's Ed25519 key
// exactly as Discord signs, and posted to the bot's /interactions.

import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { fetchWithDeadline } from '../http/deadline.js';
import { dmChannelOf } from '../local-discord/local-discord.js';
import {
  ALL_PERMISSIONS,
  BOT_PERMISSIONS,
  MEMBER_PERMISSIONS,
  type RawOption,
  SANDBOX_APPLICATION_ID,
  type SandboxGuild,
} from './sandbox-discord.js';

export interface ConsoleMember {
  id: string;
  username: string;
  globalName: string;
  roles: string[];
  admin: boolean;
}

/** The locale Discord would send: one of its locale codes, English (US) unless the console's switch chose another. */
const discordLocale = (locale: unknown): string => (typeof locale === 'string' && /^[a-z]{2}(-[A-Z]{2})?$/.test(locale) ? locale : 'en-US');

export const snowflake = (() => {
  let sequence = 0n;
  return () => (((BigInt(Date.now()) - 1420070400000n) << 22n) | (sequence++ & 4095n)).toString();
})();

export interface Where {
  member: ConsoleMember;
  /** The member's roles in that server, as Discord holds them. */
  roles: string[];
  /** A server's channel, or null: the member's DM with the bot. */
  guild: SandboxGuild | null;
  locale?: string;
}

/** An interaction of `type` (2 command, 3 component, 4 autocomplete) with its data, where the member is. */
export function interactionPayload(type: number, data: Record<string, unknown>, where: Where, extra: Record<string, unknown> = {}) {
  const { member, guild } = where;
  const id = snowflake();
  const token = `sandbox.${id}.${randomBytes(24).toString('base64url')}`;
  const user = { id: member.id, username: member.username, global_name: member.globalName, discriminator: '0', avatar: null };
  const dm = dmChannelOf(member.id);
  const place = guild
    ? {
        context: 0,
        guild_id: guild.id,
        guild_locale: 'en-US',
        channel_id: guild.channelId,
        channel: { id: guild.channelId, type: 0, guild_id: guild.id, name: 'general' },
        member: {
          user,
          roles: where.roles,
          permissions: String(member.admin ? ALL_PERMISSIONS : MEMBER_PERMISSIONS),
          joined_at: '2024-01-01T00:00:00.000000+00:00',
        },
      }
    : { context: 1, user, channel_id: dm, channel: { id: dm, type: 1 } };
  const payload = {
    id,
    application_id: SANDBOX_APPLICATION_ID,
    type,
    token,
    version: 1,
    locale: discordLocale(where.locale),
    app_permissions: String(BOT_PERMISSIONS),
    data,
    ...extra,
    ...place,
  };
  return { id, token, channelId: place.channel_id, payload };
}

export class InteractionSender {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;

  constructor(
    private readonly botUrl: string,
    private readonly timeoutMs: number,
  ) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const der = publicKey.export({ format: 'der', type: 'spki' });
    this.publicKeyHex = der.subarray(der.length - 32).toString('hex');
  }

  /** Signed as Discord signs: Ed25519 over timestamp + body. */
  signedHeaders(body: string): Record<string, string> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.from(timestamp + body), this.privateKey).toString('hex');
    return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
  }

  /** Posts it to the bot; Discord waits 3 seconds for an answer, the console a little longer, but never forever. */
  async send(payload: unknown): Promise<{ response: Response; text: string }> {
    const body = JSON.stringify(payload);
    return fetchWithDeadline(
      fetch,
      `${this.botUrl}/interactions`,
      { method: 'POST', headers: this.signedHeaders(body), body },
      { timeoutMs: this.timeoutMs },
    );
  }
}

export type { RawOption };
