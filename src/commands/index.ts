// Every slash command the bot offers, listed once. Registration, both Discord
// doors and the dispatcher read this list: adding a command is a new module
// (its definition and handler, see command-module.ts) and one line here.

import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Command } from '../interaction/contract.js';
import type { CommandDeps, CommandModule } from './command-module.js';
import * as leaderboard from './leaderboard.js';
import * as linkTwitter from './link-twitter.js';
import * as report from './report.js';
import * as twitterAdmin from './twitter-admin.js';
import * as unlinkTwitter from './unlink-twitter.js';

export type { CommandDeps } from './command-module.js';

/** In the order Discord shows them. */
export const commandModules: readonly CommandModule[] = [
  linkTwitter.command,
  unlinkTwitter.command,
  report.command,
  leaderboard.command,
  twitterAdmin.command,
];

/** What Discord is told about each command; needs no running services. */
export const commandDefinitions: RESTPostAPIChatInputApplicationCommandsJSONBody[] = commandModules.map((m) => m.data);

export function createCommands(deps: CommandDeps): Command[] {
  return commandModules.map((m) => m.create(deps));
}
