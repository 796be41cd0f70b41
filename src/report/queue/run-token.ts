// A queued report's interaction token is sealed with its run, bound to the
// member and the moment it was admitted, so any replica holding the key can
// answer the member, and a sealed token copied to another run opens nowhere.

import type { TokenCipher } from '../../secrets/token-cipher.js';

const context = (discordUserId: string, startedAt: number) => `report-interaction:${discordUserId}:${startedAt}`;

export const sealRunToken = (cipher: TokenCipher, token: string, discordUserId: string, startedAt: number): string =>
  cipher.seal(token, context(discordUserId, startedAt));

export const openRunToken = (cipher: TokenCipher, sealed: string, discordUserId: string, startedAt: number): string =>
  cipher.open(sealed, context(discordUserId, startedAt));
