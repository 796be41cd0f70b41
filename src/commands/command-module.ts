// What a command module is: the definition Discord is told about, and its
// handler built from the bot's services. index.ts lists the modules once, and
// registration and dispatch both read that list.

import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { BudgetService } from '../budget/budget.js';
import type { Pricing } from '../config/env.js';
import type { DigestService } from '../digest/digest-service.js';
import type { GuildApi } from '../discord-api/guild-api.js';
import type { LinkedRoleService } from '../guilds/linked-role.js';
import type { MemberStore, SettingsStore } from '../guilds/stores.js';
import type { Command } from '../interaction/contract.js';
import type { GatewayHealth } from '../interaction/gateway-health.js';
import type { BoardService } from '../leaderboard/board-service.js';
import type { LinkService } from '../linking/link-service.js';
import type { ReportPresses } from '../report/report-presses.js';
import type { ReportService } from '../report/report-service.js';
import type { RoleConnectionService } from '../role-connections/role-connection-service.js';

/** Every service a command may use; bot.ts builds it once. */
export interface CommandDeps {
  links: LinkService;
  reports: ReportService;
  /** What a press on a report's buttons may do. */
  presses: ReportPresses;
  settings: SettingsStore;
  members: MemberStore;
  roles: LinkedRoleService;
  budget: BudgetService;
  guildApi: GuildApi;
  /** X's prices, to show admins what reading cost. */
  pricing: Pricing;
  /** Gateway mode only: the connection's health, for /twitter-admin status. */
  gateway: GatewayHealth | null;
  /** Discord Linked Roles, when on: whether a member must connect again. */
  linkedRoles: Pick<RoleConnectionService, 'needsReconnect'> | null;
  /** Each server's opt-in leaderboard. */
  boards: BoardService;
  /** Each server's weekly digest. */
  digests: DigestService;
  now: () => number;
}

export interface CommandModule {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  create(deps: CommandDeps): Command;
}
