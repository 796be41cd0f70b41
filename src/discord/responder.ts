// Tracks whether an interaction has been acknowledged, so handlers can simply
// call reply/defer/edit and the right Discord call is made: the first response
// once, then edits of it.

import type { BotMessage, CommandContext } from '../interaction/contract.js';

/** The three raw operations each Discord door provides. */
export interface InteractionTransport {
  respond(message: BotMessage): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  editOriginal(message: BotMessage): Promise<void>;
}

export type Responder = Pick<CommandContext, 'reply' | 'defer' | 'edit'> & {
  readonly acknowledged: boolean;
};

export function createResponder(transport: InteractionTransport): Responder {
  let acknowledged = false;
  // Serialises calls: a reply racing an automatic defer must see its outcome.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const defer = (ephemeral: boolean) =>
    serial(async () => {
      if (acknowledged) return;
      await transport.defer(ephemeral);
      acknowledged = true;
    });

  // Before the first response, an edit is the response; after it, a reply is an edit.
  const reply = (message: BotMessage) =>
    serial(async () => {
      if (acknowledged) return transport.editOriginal(message);
      await transport.respond(message);
      acknowledged = true;
    });

  return {
    get acknowledged() {
      return acknowledged;
    },
    reply,
    defer: (options) => defer(options?.ephemeral ?? false),
    edit: reply,
  };
}
