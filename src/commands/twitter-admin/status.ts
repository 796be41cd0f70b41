// /twitter-admin status: linked members, settings, checked permissions and X usage this month.

import type { APIEmbedField } from 'discord-api-types/v10';
import { nextMonthStart } from '../../budget/budget.js';
import { costMicroUsd } from '../../budget/pricing.js';
import { formatTime } from '../../digest/schedule.js';
import { diagnosePermissions, type PermissionFinding } from '../../guilds/diagnostics.js';
import type { BotMessage, CommandContext } from '../../interaction/contract.js';
import type { Catalog } from '../../text/catalog.js';
import type { AdminDeps } from './admin-deps.js';

export async function statusMessage(deps: AdminDeps, t: Catalog, ctx: CommandContext, guildId: string): Promise<BotMessage> {
  const a = t.admin;
  const [settings, budget, linked] = await Promise.all([
    deps.settings.get(guildId),
    deps.budget.state(guildId),
    deps.members.linkedMembers(guildId),
  ]);
  const findings = await diagnosePermissions(deps.guildApi, guildId, settings, ctx.appPermissions);
  const month = new Date(deps.now()).toISOString().slice(0, 7);
  const fields: APIEmbedField[] = [
    { name: a.linkedMembersField, value: a.linkedMembers(linked.length) },
    {
      name: a.settingsField,
      value: [
        a.linkedRoleSetting(settings.linkedRoleId),
        a.publicSetting(settings.publicReports, settings.reportsChannelId),
        a.budgetSetting(
          settings.monthlyPostBudget,
          costMicroUsd({ postsRead: settings.monthlyPostBudget ?? 0, userReads: 0 }, deps.pricing),
        ),
      ].join('\n'),
    },
    { name: a.permissionsField, value: findings.length ? findings.map((f) => describe(t, f)).join('\n') : a.nothingMissing },
    {
      name: a.usageField(month),
      value: [
        a.usageLine('server', budget.guild ?? { requests: 0, postsRead: 0, costMicroUsd: 0 }, budget.guildCap),
        a.usageLine('app', budget.app, budget.appCap),
        a.usageResets(nextMonthStart(deps.now())),
      ].join('\n'),
    },
  ];
  fields.push({ name: a.digestField, value: await digestStatus(deps, t, guildId) });
  if (deps.gateway) {
    const g = deps.gateway.snapshot();
    fields.push({
      name: a.connectionField,
      value: a.connectionLine(g.state, g.since, g.disconnects, g.resumes, g.newSessions, g.longestOutageMs),
    });
  }
  return { embeds: [{ title: a.statusTitle, color: 0x1d9bf0, fields }] };
}

/** The next digest, how the last one went and what it cost, and what the next may cost. */
async function digestStatus(deps: AdminDeps, t: Catalog, guildId: string): Promise<string> {
  const a = t.admin;
  const onBoard = (await deps.boards.members(guildId)).length;
  const o = await deps.digests.outlook(guildId, onBoard);
  if (!o.schedule || o.next === null) return a.digestNone;
  const s = o.schedule;
  return [
    a.digestWhen(s.channelId, t.weekdays[s.weekday] ?? '', formatTime(s.minuteOfDay), s.timeZone, o.next),
    ...(o.last ? [a.digestLast(o.last.dueAt, o.last.outcome, o.last.postsRead, o.last.costMicroUsd, o.last.detail)] : []),
    a.digestNextCost(o.nextPosts, o.nextCostMicroUsd),
  ].join('\n');
}

function describe(t: Catalog, finding: PermissionFinding): string {
  switch (finding.kind) {
    case 'lacks-here':
      return t.admin.lacksHere(finding.names);
    case 'role':
      return t.admin.roleProblem(finding.problem.kind, finding.roleId);
    case 'role-uncheckable':
      return t.admin.roleUncheckable(finding.failure);
    case 'lacks-in-channel':
      return t.admin.lacksIn(finding.channelId, finding.names);
    case 'channel-unreadable':
      return t.admin.channelUnreadable(finding.channelId, finding.failure);
  }
}
