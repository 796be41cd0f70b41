// The revocation queue never revokes a token a link holds again: X hands an
// account the same token on a new sign-in, so a token queued when a link was
// superseded may be the very one the member's next link keeps.

import { expect, it } from 'vitest';
import { pendingRevocations } from '../../src/db/schema.js';
import { RevocationQueue } from '../../src/linking/revocations.js';
import { silentLogger } from '../../src/log/logger.js';
import { TokenCipher } from '../../src/secrets/token-cipher.js';
import { SqliteRevocationStore } from '../../src/storage/sqlite/revocation-store.js';
import { useTempDatabase } from '../support/temp-database.js';

const db = useTempDatabase();
const NOW = Date.parse('2026-11-24T12:00:00Z');

it('drops a queued token a link holds again instead of revoking it, and revokes one nobody holds', async () => {
  const store = new SqliteRevocationStore(db.current.db);
  const invalidated: string[] = [];
  const kept = new Set(['kept-token']);
  const queue = new RevocationQueue({
    store: store as never,
    cipher: new TokenCipher(Buffer.alloc(32, 5)),
    oauth: { invalidateToken: async (c) => void invalidated.push(c.key) },
    inUse: async (_xUserId, token) => kept.has(token),
    now: () => NOW,
    log: silentLogger,
  });
  for (const key of ['kept-token', 'spare-token']) {
    const record = queue.record('42', { key, secret: `${key}-secret` });
    db.current.db.insert(pendingRevocations).values(record).run();
  }
  await queue.runDue();
  expect(invalidated).toEqual(['spare-token']);
  expect(store.due(null, 10)).toEqual([]);
});
