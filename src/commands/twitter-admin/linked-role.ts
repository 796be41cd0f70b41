// /twitter-admin linked-role set|clear: a role the bot gives members while their X account is linked.

import { discordFailureOf } from '../../discord-api/guild-api.js';
import type { RoleProblem } from '../../guilds/permissions.js';
import type { Catalog } from '../../text/catalog.js';
import type { AdminDeps } from './admin-deps.js';

/** Checks with Discord that the bot can give the role, saves it, and gives it to members who linked already. */
export async function setLinkedRole(deps: AdminDeps, t: Catalog, guildId: string, roleId: string): Promise<string> {
  let problem: RoleProblem | null;
  try {
    problem = await deps.roles.problem(guildId, roleId);
  } catch (err) {
    // The admin reads what to check; roles.problem logged the status and Discord's message for the operator.
    return t.admin.roleCheckFailed(discordFailureOf(err));
  }
  if (problem) return t.admin.nothingChanged(t.admin.roleProblem(problem.kind, roleId));
  await deps.settings.update(guildId, { linkedRoleId: roleId }, deps.now());
  const result = await deps.roles.backfill(guildId, roleId);
  return t.admin.roleSet(roleId, result.given, result.skipped, result.failure ? discordFailureOf(result.failure) : null);
}

export async function clearLinkedRole(deps: AdminDeps, t: Catalog, guildId: string): Promise<string> {
  await deps.settings.update(guildId, { linkedRoleId: null }, deps.now());
  return t.admin.roleCleared;
}
