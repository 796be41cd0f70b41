// Discord rotates refresh tokens. With several replicas, two may refresh one
// member's tokens at once: the one that comes second finds its refresh token
// spent, and must use what the first stored rather than ask the member to
// connect again.

import { expect, it } from 'vitest';
import type { DiscordConnection } from '../../src/db/schema.js';
import { DiscordOAuthError } from '../../src/discord-api/oauth2.js';
import { silentLogger } from '../../src/log/logger.js';
import { RoleConnectionService } from '../../src/role-connections/role-connection-service.js';
import { TokenCipher } from '../../src/secrets/token-cipher.js';

const MEMBER = '300000000000000001';
const NOW = Date.parse('2026-11-24T10:00:00Z');

it('uses the tokens another replica refreshed meanwhile instead of asking the member to connect again', async () => {
  const cipher = new TokenCipher(Buffer.alloc(32, 3));
  const connection = (access: string, refresh: string): DiscordConnection => ({
    discordUserId: MEMBER,
    accessTokenSealed: cipher.seal(access, `discord-access-token:${MEMBER}`),
    refreshTokenSealed: cipher.seal(refresh, `discord-refresh-token:${MEMBER}`),
    keyId: cipher.currentKeyId,
    expiresAt: NOW - 1, // expired: refreshed before use
    status: 'active',
    updatedAt: NOW,
  });
  // What this replica read, then what the other replica stored once it had refreshed with the same refresh token.
  const reads = [connection('old-access', 'spent-refresh'), connection('their-access', 'their-refresh')];
  let stored = reads[0]!;
  const marked: string[] = [];
  const written: string[] = [];
  const service = new RoleConnectionService({
    store: {
      get: async () => stored,
      markReconnect: async (id: string) => void marked.push(id),
      save: async () => undefined,
    } as never,
    oauth: {
      refresh: async () => {
        // The other replica refreshed with the same token a moment before and stored what it got.
        stored = reads[1]!;
        throw new DiscordOAuthError('refused', 'invalid_grant');
      },
      putRoleConnection: async (token: string) => void written.push(token),
    } as never,
    cipher,
    links: {} as never,
    profileOf: async () => ({ id: '1', name: 'Ada', username: 'ada' }),
    stateTtlSeconds: 600,
    encryptionKey: Buffer.alloc(32, 3),
    now: () => NOW,
    log: silentLogger,
  });
  await service.clear(MEMBER);
  expect(marked).toEqual([]);
  expect(written).toEqual(['their-access']);
});

it('clears again when another replica forgot the connection while this one’s push was on its way', async () => {
  const cipher = new TokenCipher(Buffer.alloc(32, 3));
  let stored: DiscordConnection | undefined = {
    discordUserId: MEMBER,
    accessTokenSealed: cipher.seal('access', `discord-access-token:${MEMBER}`),
    refreshTokenSealed: cipher.seal('refresh', `discord-refresh-token:${MEMBER}`),
    keyId: cipher.currentKeyId,
    expiresAt: NOW + 3_600_000,
    status: 'active',
    updatedAt: NOW,
  };
  const written: string[] = [];
  const account = { discordUserId: MEMBER, xUserId: '42', xScreenName: 'ada', status: 'active' };
  const service = new RoleConnectionService({
    store: { get: async () => stored } as never,
    oauth: {
      putRoleConnection: async (token: string, connection: { metadata: { linked: string } }) => {
        written.push(`${token}: linked ${connection.metadata.linked}`);
        // Meanwhile the member unlinked on another replica: it forgot the connection and its clear landed first.
        stored = undefined;
      },
    } as never,
    cipher,
    links: { account: async () => account } as never,
    profileOf: async () => ({ id: '42', name: 'Ada', username: 'ada' }),
    stateTtlSeconds: 600,
    encryptionKey: Buffer.alloc(32, 3),
    now: () => NOW,
    log: silentLogger,
  });
  await service.push(account as never);
  // What Discord keeps is the clear: the push's metadata must not outlive the unlink.
  expect(written).toEqual(['access: linked 1', 'access: linked 0']);
});
