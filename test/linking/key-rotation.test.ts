// Rotating TOKEN_ENCRYPTION_KEY: stored tokens still open with the previous
// key, and are re-sealed with the new one as they are used.

import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createBot } from '../../src/bot.js';
import { loadConfig } from '../../src/config/env.js';
import { silentLogger } from '../../src/log/logger.js';
import { keyId } from '../../src/secrets/token-cipher.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { openTestStores, queryStores } from '../support/test-engine.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

it('opens tokens sealed with the previous key and re-seals them with the new one', async () => {
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');
  h = await startHarness({ env: { TOKEN_ENCRYPTION_KEY: oldKey } });
  await linkAccount(h, '300000000000000001', { id: '1456789012345678901', screenName: 'ada' });
  const accessToken = [...h.x.accessTokens.keys()][0];
  await h.bot.close();

  const env = {
    DISCORD_TOKEN: 't',
    DISCORD_APPLICATION_ID: h.config.discordApplicationId,
    TWITTER_CONSUMER_KEY: 'ck',
    TWITTER_CONSUMER_SECRET: 'cs',
    PUBLIC_URL: h.config.publicUrl,
    DATABASE_PATH: h.config.databasePath,
    ...(h.config.databaseUrl ? { DATABASE_URL: h.config.databaseUrl } : {}),
    TOKEN_ENCRYPTION_KEY: newKey,
    TOKEN_ENCRYPTION_PREVIOUS_KEYS: oldKey,
  };
  const config = loadConfig(env);
  const stores = await openTestStores(config, Date.now, silentLogger);
  const rotated = createBot(config, silentLogger, { stores });
  const row = async () =>
    (
      await queryStores<{ key_id: string; access_token_sealed: string }>(
        stores,
        'select key_id, access_token_sealed from linked_accounts',
        [],
      )
    )[0]!;
  expect((await row()).key_id).toBe(keyId(Buffer.from(oldKey, 'base64')));
  expect(rotated.links.credentials((await rotated.links.account('300000000000000001'))!).key).toBe(accessToken);
  // Re-sealed in the background, as the token goes on its way to X.
  await eventually(async () => (await row()).key_id === keyId(Buffer.from(newKey, 'base64')));
  expect((await row()).access_token_sealed.split('.')[1]).toBe(keyId(Buffer.from(newKey, 'base64')));
  await rotated.close();

  // Once everything is re-sealed the old key can go.
  const onlyNewConfig = loadConfig({ ...env, TOKEN_ENCRYPTION_PREVIOUS_KEYS: '' });
  const onlyNewStores = await openTestStores(onlyNewConfig, Date.now, silentLogger);
  const onlyNew = createBot(onlyNewConfig, silentLogger, { stores: onlyNewStores });
  expect(onlyNew.links.credentials((await onlyNew.links.account('300000000000000001'))!).key).toBe(accessToken);
  h.bot = onlyNew;
  h.stores = onlyNewStores;
});
