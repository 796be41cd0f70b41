// The bot's REST client for Discord (guild calls, DMs, command registration).
// @discordjs/rest queues requests per rate-limit bucket and waits out 429s;
// interaction webhooks do not use it (see webhooks.ts).

import { REST } from '@discordjs/rest';

export function createRest(apiUrl: string, botToken?: string): REST {
  const rest = new REST({ api: apiUrl, version: '10', timeout: 15_000 });
  if (botToken) rest.setToken(botToken);
  return rest;
}
