// At start-up (and now and then after): the reports a crash cut off, as the
// run store picks them (past their deadline or claimed too often, with no
// live lease; or admitted and never queued, their ack lost with a replica).
// Their reservations are released, and each member whose interaction token
// still works is told to ask again.

import type { InteractionWebhooks } from '../../discord-api/webhooks.js';
import { INTERACTION_TOKEN_LIFETIME_MS } from '../../interaction/contract.js';
import type { Logger } from '../../log/logger.js';
import type { TokenCipher } from '../../secrets/token-cipher.js';
import { textFor } from '../../text/catalog.js';
import { asLayout } from '../layout/text-layout.js';
import type { ReportRunStore } from '../stores.js';
import { openRunToken } from './run-token.js';

/** A run still not queued this long after admission lost its ack (the replica died before deferring): it is let go. */
const UNQUEUED_GRACE_MS = 60_000;

export interface RecoveryDeps {
  runs: Pick<ReportRunStore, 'takeInterruptedRuns'>;
  cipher: TokenCipher;
  webhooks: Pick<InteractionWebhooks, 'editOriginal'>;
  /** How long a report may take in all: a run older than this was cut off. */
  deadlineMs: number;
  now: () => number;
  log: Logger;
}

/** Settles the reports a crash cut off; returns how many. */
export async function recoverInterrupted(deps: RecoveryDeps): Promise<number> {
  const { runs, cipher, webhooks, now, log } = deps;
  const at = now();
  const interrupted = await runs.takeInterruptedRuns({
    now: at,
    staleBefore: at - deps.deadlineMs,
    unreadyBefore: at - UNQUEUED_GRACE_MS,
  });
  for (const run of interrupted) {
    log.warn('a report was cut off by a restart', { discordUserId: run.discordUserId, runId: run.id });
    if (!run.interactionTokenSealed || !run.discordUserId || now() >= run.startedAt + INTERACTION_TOKEN_LIFETIME_MS) continue;
    try {
      const token = openRunToken(cipher, run.interactionTokenSealed, run.discordUserId, run.startedAt);
      await webhooks.editOriginal(token, asLayout({ content: textFor(run.locale).report.interrupted }));
    } catch (err) {
      log.warn('could not tell the member their report was cut off', { discordUserId: run.discordUserId, error: err });
    }
  }
  return interrupted.length;
}
