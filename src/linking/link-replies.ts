// What the linking flow tells along the way: the member's /link-twitter reply
// edited with how the link ended (while Discord still takes its token), and a
// failure at X logged and named for the page.

import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import type { Logger } from '../log/logger.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import { XApiError } from '../twitter/errors.js';
import { sealContext } from './sealed-credentials.js';

/** A pending link's reply to edit: its sealed interaction token and until when Discord takes it. */
export interface LinkReply {
  tokenHash: string;
  interactionTokenSealed: string;
  interactionExpiresAt: number;
  discordUserId: string;
}

export interface ReplyDeps {
  cipher: TokenCipher;
  webhooks: InteractionWebhooks;
  now: () => number;
  log: Logger;
}

/** Edits the member's /link-twitter reply, if its token still works; a failure is logged, never thrown. */
export async function editLinkReply(
  deps: ReplyDeps,
  link: LinkReply,
  message: Parameters<InteractionWebhooks['editOriginal']>[1],
): Promise<void> {
  if (deps.now() >= link.interactionExpiresAt) return;
  try {
    const token = deps.cipher.open(link.interactionTokenSealed, sealContext.interaction(link.tokenHash));
    await deps.webhooks.editOriginal(token, message);
  } catch (err) {
    deps.log.warn('could not update the /link-twitter reply', { discordUserId: link.discordUserId, error: err });
  }
}

/** A failed step at X, logged, as the flow's answer names it. */
export function xFailure(
  log: Logger,
  step: string,
  err: unknown,
  discordUserId: string,
): { ok: false; reason: 'x-error'; error: XApiError } {
  const error = err instanceof XApiError ? err : new XApiError('bad-response', 'unexpected failure');
  log.warn(`X ${step} failed`, {
    discordUserId,
    kind: error.kind,
    status: error.status,
    code: error.code,
    error: err,
  });
  return { ok: false, reason: 'x-error', error };
}
