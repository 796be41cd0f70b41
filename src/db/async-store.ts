// The one shape every store has for the rest of the bot: each method returns
// a promise. SQLite's stores are synchronous (better-sqlite3 answers at once,
// which keeps them fast); PostgreSQL's cannot be. Callers await either, and
// never learn which engine runs.

// biome-ignore lint/suspicious/noExplicitAny: matches any method, whatever its parameters.
type Method = (...args: any[]) => unknown;

/** `T` with every method returning a promise of what it returned. */
export type Async<T> = {
  [K in keyof T as T[K] extends Method ? K : never]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/**
 * A synchronous store seen through the async shape. Each call still runs at
 * once, in the caller's turn: a check and the write that follows it cannot
 * be split by another request's work, as on one connection they never were.
 * A throw becomes a rejection, as a failed query would be.
 */
export function asAsync<T extends object>(store: T): Async<T> {
  const wrapped: Record<string, unknown> = {};
  for (let proto = Object.getPrototypeOf(store); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = (store as Record<string, unknown>)[name];
      if (name === 'constructor' || name in wrapped || typeof method !== 'function') continue;
      wrapped[name] = (...args: unknown[]) => {
        try {
          return Promise.resolve(method.apply(store, args));
        } catch (err) {
          return Promise.reject(err);
        }
      };
    }
  }
  return wrapped as Async<T>;
}

/** `T` (a store port) answered at once: each method returns what its promise would hold. The SQLite stores implement this. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Awaited<R> : T[K];
};
