// Shared by both doors for a button press (interaction type 3): builds the
// ComponentContext, runs the handler its custom id names, and guarantees
// Discord gets an answer. Unlike a command, a press has two kinds of first
// answer: a new message (reply/defer) or a change of the pressed message
// (update/deferUpdate); whichever comes first, later calls edit.

import type { ComponentDispatch } from '../commands/dispatch.js';
import type { BotMessage, ComponentContext } from '../interaction/contract.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';
import { ACK_DEADLINE_MS } from './run-interaction.js';

/** The raw first answers a door provides for a press, and the webhook edit that follows. */
export interface ComponentTransport {
  /** CHANNEL_MESSAGE_WITH_SOURCE (4). */
  respond(message: BotMessage): Promise<void>;
  /** DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE (5). */
  defer(ephemeral: boolean): Promise<void>;
  /** UPDATE_MESSAGE (7). */
  update(message: BotMessage): Promise<void>;
  /** DEFERRED_UPDATE_MESSAGE (6). */
  deferUpdate(): Promise<void>;
  editOriginal(message: BotMessage): Promise<void>;
  /** A follow-up message through the interaction's webhook. */
  followUp(message: BotMessage): Promise<void>;
}

type Answers = 'reply' | 'defer' | 'deferUpdate' | 'update' | 'edit' | 'aside';

export type ComponentInput = Omit<ComponentContext, Answers>;

type Responder = Pick<ComponentContext, Answers> & { readonly acknowledged: boolean };

export function createComponentResponder(transport: ComponentTransport): Responder {
  let acknowledged = false;
  /** Whether the first answer was a change of the pressed message (update, deferUpdate) rather than a new message. */
  let pressedChanged = false;
  // Serialised, as for commands: an answer racing the automatic ack must see its outcome.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (first: () => Promise<void>, after: () => Promise<void>, changesPressed = false) => {
    const run = queue.then(async () => {
      if (acknowledged) return after();
      await first();
      acknowledged = true;
      pressedChanged = changesPressed;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  const nothing = async () => undefined;
  return {
    get acknowledged() {
      return acknowledged;
    },
    reply: (message) =>
      serial(
        () => transport.respond(message),
        () => transport.editOriginal(message),
      ),
    defer: (options) => serial(() => transport.defer(options?.ephemeral ?? false), nothing),
    deferUpdate: () => serial(() => transport.deferUpdate(), nothing, true),
    update: (message) =>
      serial(
        () => transport.update(message),
        () => transport.editOriginal(message),
        true,
      ),
    edit: (message) =>
      serial(
        () => transport.respond(message),
        () => transport.editOriginal(message),
      ),
    aside: (message) =>
      serial(
        () => transport.respond(message),
        () => (pressedChanged ? transport.followUp(message) : transport.editOriginal(message)),
      ),
  };
}

export async function runComponent(
  input: ComponentInput,
  transport: ComponentTransport,
  dispatch: ComponentDispatch,
  log: Logger,
  ackDeadlineMs = ACK_DEADLINE_MS,
): Promise<void> {
  const responder = createComponentResponder(transport);
  const ctx: ComponentContext = {
    ...input,
    reply: responder.reply,
    defer: responder.defer,
    deferUpdate: responder.deferUpdate,
    update: responder.update,
    edit: responder.edit,
    aside: responder.aside,
  };
  // A slow handler gets a private "thinking" message, never a change to the pressed message it may not own.
  const timer = setTimeout(() => {
    if (responder.acknowledged) return;
    log.warn('button press slow to answer; deferring for it', { handler: input.customId.split(':')[0]?.slice(0, 32) });
    responder.defer({ ephemeral: true }).catch((err: unknown) => log.error('automatic defer failed', { error: err }));
  }, ackDeadlineMs);
  try {
    await dispatch(ctx);
    if (!responder.acknowledged) await responder.reply({ ephemeral: true, content: textFor(input.locale).common.failure });
  } catch (err) {
    log.error('button press could not be answered', { error: err });
  } finally {
    clearTimeout(timer);
  }
}
