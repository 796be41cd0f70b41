// The tests' Discord: the local Discord (src/local-discord) with the tests'
// application and bot user.

import { LocalDiscord } from '../../src/local-discord/local-discord.js';
import { APPLICATION_ID } from './discord-payloads.js';

export type { StandInGuild, StandInRole } from '../../src/local-discord/guilds.js';

export const BOT_USER_ID = '1100000000000000001';

export class DiscordStandIn extends LocalDiscord {
  constructor() {
    super({ applicationId: APPLICATION_ID, botUser: { id: BOT_USER_ID, username: 'xbot' } });
  }
}
