// The pool the PostgreSQL stores run on, made safe against connections that
// die or go silent while a store holds them: pg stops waiting on a silent
// server but keeps the connection, and drizzle's transaction never gives back
// a connection whose `begin` failed. Either way the pool would lose that
// connection for good, and with all of them lost every query would wait for
// a connection until it timed out.

import pg from 'pg';

/** pg's words when query_timeout passes without an answer. */
const SILENT = 'Query read timeout';

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

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this only watches the outcome.
  override query(...args: any[]): any {
    const query = super.query as (...a: unknown[]) => unknown;
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
    release(err);
  };
  client.once('end', lost);
  client.release = giveBack;
  return client;
}
