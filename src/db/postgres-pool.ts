// The pool the PostgreSQL stores run on, made safe against connections that
// die or go silent while a store holds them: pg stops waiting on a silent
// server but keeps the connection, and drizzle's transaction never gives back
// a connection whose `begin` failed. Either way the pool would lose that
// connection for good, and with all of them lost every query would wait for
// a connection until it timed out.

import pg from 'pg';

/** pg's words when query_timeout passes without an answer. */
const SILENT = 'Query read timeout';

/** The longest a maintenance transaction's statements may run (see MAINTENANCE). */
export const MAINTENANCE_MS = 10 * 60_000;
/**
 * Run first in a transaction nobody waits on (the daily clean-ups): its
 * statements get MAINTENANCE_MS at the server, and as long at the client.
 */
export const MAINTENANCE = `set local statement_timeout = ${MAINTENANCE_MS}`;
/** How long after MAINTENANCE_MS the client still waits for an answer. */
const MAINTENANCE_SILENCE_MS = 30_000;

/**
 * A client whose query the server left unanswered past query_timeout is
 * closed: pg only stops waiting, and the connection would go back to the
 * pool still waiting for that answer, so every later query on it would hang
 * and time out in turn. Closed, the pool replaces it.
 */
export class DroppedWhenSilent extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    // Its failure reaches the query that was waiting; a client checked out has no other listener, and an unheard 'error' ends the process.
    this.on('error', () => undefined);
  }

  /** Inside a maintenance transaction: the client waits as long as the server lets its statements run. */
  private maintenance = false;

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only watches the outcome.
  override query(...args: any[]): any {
    const query = super.query as (...a: unknown[]) => unknown;
    this.noteMaintenance(args);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: Error | null, ...rest: unknown[]) => void;
      args[last] = (err: Error | null, ...rest: unknown[]) => {
        this.dropIfSilent(err);
        callback(err, ...rest);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) result.catch((err: Error) => this.dropIfSilent(err));
    return result;
  }

  /** Follows MAINTENANCE to the end of its transaction, and gives its statements the client-side wait to match. */
  // biome-ignore lint/suspicious/noExplicitAny: the first argument of pg's query, a text or a config.
  private noteMaintenance(args: any[]): void {
    const first = args[0];
    const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? (first.text as string) : '';
    if (text === MAINTENANCE) this.maintenance = true;
    if (!this.maintenance) return;
    // drizzle reuses its query configs: a copy carries the longer wait.
    const timeout = MAINTENANCE_MS + MAINTENANCE_SILENCE_MS;
    args[0] = typeof first === 'string' ? { text: first, query_timeout: timeout } : { ...first, query_timeout: timeout };
    // The transaction ends (a rollback to a savepoint does not end it).
    if (/^\s*(commit|rollback)\s*;?\s*$/i.test(text)) this.maintenance = false;
  }

  /** Given back to the pool: whatever transaction it was in has ended. */
  endMaintenance(): void {
    this.maintenance = false;
  }

  private dropIfSilent(err: Error | null): void {
    if (err?.message === SILENT) (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }
}

/**
 * A pool whose checked-out connections go back to it, as broken, the moment
 * they end; the holder's own release later does nothing.
 */
export class StorePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | undefined {
    if (!callback) return super.connect().then(givenBackWhenLost);
    super.connect((err, client, done) => {
      const held = client && givenBackWhenLost(client);
      callback(err, held, (release) => (held ? held.release(release as Error | undefined) : done(release)));
    });
    return undefined;
  }
}

function givenBackWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let out = true;
  const lost = () => giveBack(new Error('the connection to PostgreSQL ended while in use'));
  const giveBack = (err?: Error | boolean) => {
    if (!out) return;
    out = false;
    client.removeListener('end', lost);
    if (client instanceof DroppedWhenSilent) client.endMaintenance();
    release(err);
  };
  client.once('end', lost);
  client.release = giveBack;
  return client;
}
