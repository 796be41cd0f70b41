// Every slash command the bot offers. Registration and both Discord doors read this list.

import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { SettingsStore } from '../guilds/settings-store.js';
import type { LinkService } from '../linking/link-service.js';
import type { ReportService } from '../report/report-service.js';
import * as linkTwitter from './link-twitter.js';
import * as report from './report.js';
import * as twitterAdmin from './twitter-admin.js';
import type { Command } from './types.js';
import * as unlinkTwitter from './unlink-twitter.js';

export interface CommandDeps {
  links: LinkService;
  reports: ReportService;
  settings: SettingsStore;
  admin: twitterAdmin.AdminDeps;
}

/** What Discord is told about each command; needs no running services. */
export const commandDefinitions: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  linkTwitter.data,
  unlinkTwitter.data,
  report.data,
  twitterAdmin.data,
];

export function createCommands(deps: CommandDeps): Command[] {
  return [
    linkTwitter.linkTwitterCommand(deps.links),
    unlinkTwitter.unlinkTwitterCommand(deps.links),
    report.reportCommand(deps.reports, deps.settings),
    twitterAdmin.twitterAdminCommand(deps.admin),
  ];
}
