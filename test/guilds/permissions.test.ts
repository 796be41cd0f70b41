import { type APIRole, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { basePermissions, channelPermissions, has, roleProblem } from '../../src/guilds/permissions.js';

const G = '100';
const role = (id: string, position: number, permissions: bigint, managed = false) =>
  ({
    id,
    name: id,
    position,
    permissions: String(permissions),
    managed,
    color: 0,
    hoist: false,
    mentionable: false,
    flags: 0,
  }) as unknown as APIRole;
const roles = [
  role(G, 0, P.ViewChannel | P.SendMessages),
  role('bot', 5, P.ManageRoles),
  role('low', 2, 0n),
  role('high', 8, 0n),
  role('int', 1, 0n, true),
  role('admin', 3, P.Administrator),
];
const bot = { userId: 'b', roleIds: ['bot'] };

describe('permissions', () => {
  it('adds role permissions to @everyone; Administrator and ownership grant everything', () => {
    const perms = basePermissions(G, 'owner', roles, bot);
    expect(has(perms, P.ManageRoles | P.SendMessages)).toBe(true);
    expect(has(perms, P.AttachFiles)).toBe(false);
    expect(has(basePermissions(G, 'owner', roles, { userId: 'x', roleIds: ['admin'] }), P.AttachFiles)).toBe(true);
    expect(has(basePermissions(G, 'x', roles, { userId: 'x', roleIds: [] }), P.BanMembers)).toBe(true);
  });

  it('applies channel overwrites in Discord’s order: @everyone, roles, member', () => {
    const base = basePermissions(G, 'owner', roles, bot);
    const overwrites = [
      { id: G, type: 0 as const, allow: '0', deny: String(P.SendMessages | P.ViewChannel) },
      { id: 'bot', type: 0 as const, allow: String(P.ViewChannel), deny: '0' },
      { id: 'b', type: 1 as const, allow: String(P.SendMessages), deny: String(P.ViewChannel) },
    ];
    const perms = channelPermissions(base, G, bot, overwrites);
    expect(has(perms, P.SendMessages)).toBe(true);
    expect(has(perms, P.ViewChannel)).toBe(false);
    expect(has(channelPermissions(base, G, bot, overwrites.slice(0, 2)), P.SendMessages)).toBe(false);
  });

  it('explains exactly why a role cannot be given', () => {
    expect(roleProblem(G, 'owner', roles, bot, 'low')).toBeNull();
    expect(roleProblem(G, 'owner', roles, bot, 'high')).toEqual({ kind: 'role-too-high', botTop: 5, rolePosition: 8 });
    expect(roleProblem(G, 'owner', roles, bot, 'bot')).toMatchObject({ kind: 'role-too-high' }); // its own top role
    expect(roleProblem(G, 'owner', roles, bot, 'int')).toEqual({ kind: 'managed-role' });
    expect(roleProblem(G, 'owner', roles, bot, G)).toEqual({ kind: 'everyone-role' });
    expect(roleProblem(G, 'owner', roles, bot, 'gone')).toEqual({ kind: 'unknown-role' });
    const weak = { userId: 'b', roleIds: ['low'] };
    expect(roleProblem(G, 'owner', roles, weak, 'int')).toEqual({ kind: 'managed-role' });
    expect(roleProblem(G, 'owner', [...roles, role('x', 1, 0n)], weak, 'x')).toEqual({ kind: 'missing-manage-roles' });
  });
});
