// PostgreSQL alone: a database that never answers fails start-up at the
// connect timeout. (What both engines must do, races between replicas
// included, is in contract/.)

import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStores } from '../../../src/storage/postgres/stores.js';
import { testPostgresUrl } from '../../support/test-engine.js';

const T0 = Date.parse('2026-11-24T10:00:00Z');

describe.skipIf(!testPostgresUrl)('a PostgreSQL that never answers', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeEach(async () => {
    // Accepts connections and says nothing, as a database behind a dead network path would.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('fails start-up at the connect timeout with the reason, instead of hanging', async () => {
    const port = (silent.address() as { port: number }).port;
    const started = openPostgresStores(`postgres://bot@127.0.0.1:${port}/bot`, () => T0, { connectTimeoutMs: 300 });
    await expect(started).rejects.toThrow(/timeout/i);
  });
});
