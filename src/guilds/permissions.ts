// Discord permission arithmetic, as documented ("Permissions → Permission
// Overwrites"): what the bot may do in a channel, and whether it can hand out
// a role. Pure, so "checked, not guessed" is testable.

// Not discord.js's PermissionsBitField: importing discord.js here would load
// the whole gateway library in HTTP mode for two bit tests.

import { type APIOverwrite, type APIRole, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { RoleProblemKind } from '../text/en.js';

const ALL = (1n << 64n) - 1n;

export interface MemberRoles {
  userId: string;
  roleIds: string[];
}

export function basePermissions(guildId: string, ownerId: string | undefined, roles: APIRole[], member: MemberRoles): bigint {
  if (ownerId === member.userId) return ALL;
  const byId = new Map(roles.map((r) => [r.id, r]));
  let perms = BigInt(byId.get(guildId)?.permissions ?? '0'); // @everyone has the guild's id
  for (const id of member.roleIds) perms |= BigInt(byId.get(id)?.permissions ?? '0');
  return perms & PermissionFlagsBits.Administrator ? ALL : perms;
}

export function channelPermissions(base: bigint, guildId: string, member: MemberRoles, overwrites: APIOverwrite[] = []): bigint {
  if (base === ALL) return ALL;
  let perms = base;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) perms = (perms & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && member.roleIds.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  perms = (perms & ~deny) | allow;
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === member.userId);
  if (own) perms = (perms & ~BigInt(own.deny)) | BigInt(own.allow);
  return perms;
}

export function has(perms: bigint, flag: bigint): boolean {
  return (perms & flag) === flag;
}

export function highestRolePosition(roles: APIRole[], member: MemberRoles): number {
  return roles.filter((r) => member.roleIds.includes(r.id)).reduce((max, r) => Math.max(max, r.position), 0);
}

export type RoleProblem =
  | { kind: Exclude<RoleProblemKind, 'role-too-high'> }
  | { kind: 'role-too-high'; botTop: number; rolePosition: number };

/** Manage Server or Administrator: who may change the bot's settings in a server. */
export function isServerManager(perms: bigint | null): boolean {
  if (perms === null) return false;
  return has(perms, PermissionFlagsBits.Administrator) || has(perms, PermissionFlagsBits.ManageGuild);
}

/** Why the bot could not give `roleId` to members, or null when it can. */
export function roleProblem(
  guildId: string,
  ownerId: string | undefined,
  roles: APIRole[],
  bot: MemberRoles,
  roleId: string,
): RoleProblem | null {
  const role = roles.find((r) => r.id === roleId);
  if (!role) return { kind: 'unknown-role' };
  if (role.id === guildId) return { kind: 'everyone-role' };
  if (role.managed) return { kind: 'managed-role' };
  const perms = basePermissions(guildId, ownerId, roles, bot);
  if (!has(perms, PermissionFlagsBits.ManageRoles)) return { kind: 'missing-manage-roles' };
  const top = highestRolePosition(roles, bot);
  if (ownerId !== bot.userId && role.position >= top) return { kind: 'role-too-high', botTop: top, rolePosition: role.position };
  return null;
}
