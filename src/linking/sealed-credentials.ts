// How a link's secrets are sealed at rest: each under a context naming what it
// is and whose, so a sealed value moved to another row or field fails to open.

import type { LinkedAccount } from '../db/schema.js';
import type { TokenCipher } from '../secrets/token-cipher.js';
import type { Credentials } from '../twitter/oauth-signer.js';
import type { LinkStore } from './stores.js';

export const sealContext = {
  interaction: (tokenHash: string) => `interaction-token:${tokenHash}`,
  requestSecret: (requestToken: string) => `request-secret:${requestToken}`,
  accessToken: (discordUserId: string) => `access-token:${discordUserId}`,
  accessSecret: (discordUserId: string) => `access-secret:${discordUserId}`,
};

/** A linked account's access token and secret, opened. */
export function openCredentials(cipher: TokenCipher, account: LinkedAccount): Credentials {
  return {
    key: cipher.open(account.accessTokenSealed, sealContext.accessToken(account.discordUserId)),
    secret: cipher.open(account.accessSecretSealed, sealContext.accessSecret(account.discordUserId)),
  };
}

/**
 * Whether the link of X account `xUserId` keeps `token`: X may hand an account
 * the same token again, and a token a link keeps again must not be revoked
 * (the revocation queue asks before each attempt).
 */
export async function keepsToken(
  store: Pick<LinkStore, 'accountForXUser'>,
  cipher: TokenCipher,
  xUserId: string,
  token: string,
): Promise<boolean> {
  const account = await store.accountForXUser(xUserId);
  if (!account) return false;
  try {
    return openCredentials(cipher, account).key === token;
  } catch {
    return false;
  }
}
