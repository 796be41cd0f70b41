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
  /** How long a page of the flow waits for what Discord is told before it answers anyway (default 3 s; tests shorten it). */
  pageWaitMs?: number;
  /** What linking has under way; shutting down waits for it. */
  inFlight?: LinkingInFlight;
}

const PAGE_WAIT_MS = 3000;

/**
 * What linking still has under way: callback and cancel pages being answered,
 * and what they left to tell Discord once they had answered. The bot's close
 * waits for it (within a bound) before it closes the database, so a member
 * who linked just before a restart still has their link kept, their reply
 * edited and their roles.
 */
export class LinkingInFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles; resolves or rejects as it does. */
  during<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /**
   * Waits until nothing is under way or `maxMs` passed: what a page starts
   * to tell while this waits is waited for too. Resolves with how many are
   * still under way.
   */
  async settle(maxMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        late = true;
        resolve();
      }, maxMs);
    });
    while (this.pending.size > 0 && !late) await Promise.race([Promise.all(this.pending), deadline]);
    clearTimeout(timer);
    return this.pending.size;
  }
}

/**
 * Tells Discord what a step of the flow did (the reply's edit, roles, Linked
 * Roles) while the member's page waits, for at most `pageWaitMs`: a Discord
 * that is slow or down must not hold a browser on a blank page (the reply's
 * edit alone retries an outage for about 75 s). What is still on its way
 * then goes on in the background. Never throws.
 */
export async function tellWithinPageWait(
  deps: Pick<ReplyDeps, 'log' | 'pageWaitMs' | 'inFlight'>,
  telling: () => Promise<void>,
): Promise<void> {
  const told = Promise.resolve()
    .then(telling)
    .catch((err: unknown) => deps.log.warn('could not tell Discord how linking went', { error: err }));
  deps.inFlight?.during(told);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deps.pageWaitMs ?? PAGE_WAIT_MS);
  });
  await Promise.race([told, late]);
  clearTimeout(timer);
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
