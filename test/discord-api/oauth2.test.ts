// Discord's OAuth2 client against the stand-in: a hanging Discord and an
// oversized answer end as 'unavailable' (a 4xx page for the member), never a hang.

import { afterEach, beforeEach, expect, it } from 'vitest';
import { DiscordOAuthClient, DiscordOAuthError } from '../../src/discord-api/oauth2.js';
import { CLIENT_SECRET } from '../../src/local-discord/oauth.js';
import { APPLICATION_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';

let discord: DiscordStandIn;
let client: DiscordOAuthClient;
beforeEach(async () => {
  discord = await new DiscordStandIn().start();
  discord.oauth.redirectUri = 'https://bot.example.test/discord/callback';
  client = new DiscordOAuthClient({
    apiUrl: discord.apiUrl,
    clientId: APPLICATION_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: discord.oauth.redirectUri,
    now: Date.now,
    timeoutMs: 200,
  });
});
afterEach(async () => {
  await discord.stop();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: unknown) => err as DiscordOAuthError,
  );

it('gives up on a Discord that never answers, within its deadline', async () => {
  const release = discord.hold(/^POST \/api\/v10\/oauth2\/token$/);
  const err = await failure(client.exchangeCode('code'));
  release();
  expect(err).toBeInstanceOf(DiscordOAuthError);
  expect(err?.kind).toBe('unavailable');
});

it('refuses an answer far larger than any token response, without reading it all', async () => {
  discord.failNext(/^POST \/api\/v10\/oauth2\/token$/, { status: 200, body: { access_token: 'x'.repeat(2_000_000) } });
  const err = await failure(client.exchangeCode('code'));
  expect(err?.kind).toBe('unavailable');
});

it('refuses tokens without the scopes Linked Roles need', async () => {
  discord.failNext(/^POST \/api\/v10\/oauth2\/token$/, {
    status: 200,
    body: { access_token: 'a', refresh_token: 'r', expires_in: 60, token_type: 'Bearer', scope: 'identify' },
  });
  expect((await failure(client.exchangeCode('code')))?.kind).toBe('bad-response');
});
