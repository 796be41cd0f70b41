// An X client that reads with one member's own token (their link's
// credentials, re-sealed on the way when a key rotated) and counts every
// request, post and user it is billed for into the usage given.

import type { LinkedAccount } from '../../db/schema.js';
import type { HttpGet } from '../../http/http-get.js';
import type { Credentials, OAuthSigner } from '../../twitter/oauth-signer.js';
import { type Usage, type V2ClientOptions, XV2Client } from '../../twitter/v2-client.js';

export interface MemberClientDeps {
  apiUrl: string;
  signer: OAuthSigner;
  /** Opens the member's access token (LinkService.credentials). */
  credentials: (account: LinkedAccount) => Credentials;
  /** Tests replace the backoff wait; production waits for real. */
  sleep?: (ms: number) => Promise<void>;
  /** How X is asked (default node:http); tests count what is read. */
  get?: HttpGet;
  /** Per X request (connect, headers and body); default 15 s. */
  timeoutMs?: number;
}

export type ClientHooks = Pick<V2ClientOptions, 'onUsage' | 'onPosts' | 'signal'>;

export const noUsage = (): Usage => ({ requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 });

/** An X client reading with the member's token, counting into `usage`. */
export function memberClient(deps: MemberClientDeps, account: LinkedAccount, usage: Usage, hooks: ClientHooks = {}): XV2Client {
  return new XV2Client({
    apiUrl: deps.apiUrl,
    signer: deps.signer,
    token: deps.credentials(account),
    usage,
    sleep: deps.sleep,
    timeoutMs: deps.timeoutMs,
    get: deps.get,
    ...hooks,
  });
}
