// Shared by both doors: builds the CommandContext for one slash command, runs
// it, and guarantees Discord gets an answer. If the handler has not answered
// by the deadline it is deferred (privately) for it; if it ends without
// answering at all, the member gets an apology instead of silence.

import type { Dispatch } from '../commands/dispatch.js';
import type { CommandContext } from '../interaction/contract.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';
import { createResponder, type InteractionTransport } from './responder.js';

/** Discord allows 3 s for the first response; leave room for the network. */
export const ACK_DEADLINE_MS = 2_000;

export type InteractionInput = Omit<CommandContext, 'reply' | 'defer' | 'edit'>;

export async function runInteraction(
  input: InteractionInput,
  transport: InteractionTransport,
  dispatch: Dispatch,
  log: Logger,
  ackDeadlineMs = ACK_DEADLINE_MS,
): Promise<void> {
  const responder = createResponder(transport);
  const ctx: CommandContext = { ...input, reply: responder.reply, defer: responder.defer, edit: responder.edit };
  const timer = setTimeout(() => {
    if (responder.acknowledged) return;
    log.warn('command slow to answer; deferring for it', { command: input.commandName });
    responder.defer({ ephemeral: true }).catch((err: unknown) => log.error('automatic defer failed', { error: err }));
  }, ackDeadlineMs);
  try {
    await dispatch(ctx);
    if (!responder.acknowledged) await responder.reply({ ephemeral: true, content: textFor(input.locale).common.failure });
  } catch (err) {
    log.error('interaction could not be answered', { command: input.commandName, error: err });
  } finally {
    clearTimeout(timer);
  }
}
