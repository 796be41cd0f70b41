// Interactions as Discord builds them when a member of the console runs a
// command, types into an option or presses a button: the payload (its type,
// data, locale and the place fields of places.ts), signed with the sandbox's
// Ed25519 key exactly as Discord signs, at the sandbox clock's time (the bot
// checks the timestamp against that clock), and posted to the bot's
// /interactions.

import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { fetchWithDeadline } from '../http/deadline.js';
import { SANDBOX_APPLICATION_ID } from './sandbox-discord.js';

/** The locale Discord would send: one of its locale codes, English (US) unless the console's switch chose another. */
const discordLocale = (locale: unknown): string => (typeof locale === 'string' && /^[a-z]{2}(-[A-Z]{2})?$/.test(locale) ? locale : 'en-US');

export const snowflake = (() => {
  let sequence = 0n;
  return () => (((BigInt(Date.now()) - 1420070400000n) << 22n) | (sequence++ & 4095n)).toString();
})();

export interface Interaction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

/** An interaction of `type` (2 command, 3 component, 4 autocomplete) with its data, said where `place` says. */
export function interaction(
  type: number,
  data: Record<string, unknown>,
  place: Record<string, unknown>,
  locale: unknown,
  extra: Record<string, unknown> = {},
): Interaction {
  const id = snowflake();
  const token = `sandbox.${id}.${randomBytes(24).toString('base64url')}`;
  const payload = {
    id,
    application_id: SANDBOX_APPLICATION_ID,
    type,
    token,
    version: 1,
    locale: discordLocale(locale),
    data,
    ...extra,
    ...place,
  };
  return { id, token, payload };
}

export class InteractionSender {
  readonly publicKeyHex: string;
  private readonly privateKey: KeyObject;

  constructor(
    private readonly botUrl: string,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    const der = publicKey.export({ format: 'der', type: 'spki' });
    this.publicKeyHex = der.subarray(der.length - 32).toString('hex');
  }

  /** Signed as Discord signs: Ed25519 over timestamp + body. */
  signedHeaders(body: string): Record<string, string> {
    const timestamp = String(Math.floor(this.now() / 1000));
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
