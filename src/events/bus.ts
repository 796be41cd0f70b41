// Cross-domain reactions as typed events: a domain says what happened
// (linked, unlinked, a profile read, a member seen) and the modules that care
// subscribe, so the one that emits never holds a reference to the ones that
// react. bot.ts makes the one bus and does the subscribing, in the order the
// reactions must run. Each domain declares the events it emits (for example
// linking/events.ts); an event's payload is one object, named fields.

import type { Logger } from '../log/logger.js';

export type Handler<P> = (payload: P) => unknown;

/** What a module that reacts needs: subscription only. */
export interface Subscriber<E> {
  on<K extends keyof E & string>(event: K, handler: Handler<E[K]>): void;
}

/** What a module that tells needs: emitting only. */
export interface Publisher<E> {
  /** Runs every subscriber in turn; one that fails is logged and the rest still run. Never throws. */
  emit<K extends keyof E & string>(event: K, payload: E[K]): Promise<void>;
  /**
   * Runs every subscriber in turn, like emit, then throws when any failed:
   * for events whose reactions must all hold (an unlink deleting what each
   * module keeps about the member fails when one could not).
   */
  emitAll<K extends keyof E & string>(event: K, payload: E[K]): Promise<void>;
}

export class EventBus<E> implements Subscriber<E>, Publisher<E> {
  private readonly handlers = new Map<keyof E, Handler<never>[]>();

  constructor(private readonly log: Logger) {}

  on<K extends keyof E & string>(event: K, handler: Handler<E[K]>): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler as Handler<never>]);
  }

  async emit<K extends keyof E & string>(event: K, payload: E[K]): Promise<void> {
    await this.run(event, payload);
  }

  async emitAll<K extends keyof E & string>(event: K, payload: E[K]): Promise<void> {
    const failures = await this.run(event, payload);
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} subscribers to ${event} failed`);
  }

  /** In subscription order, one at a time: a later reaction may rely on an earlier one having run. */
  private async run<K extends keyof E & string>(event: K, payload: E[K]): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        await (handler as Handler<E[K]>)(payload);
      } catch (err) {
        failures.push(err);
        this.log.warn(`a reaction to ${event} failed`, { event, error: err });
      }
    }
    return failures;
  }
}
