// /twitter-admin reports visibility|channel and budget: settings that take effect at once.

import { nextMonthStart } from '../../budget/budget.js';
import type { Catalog } from '../../text/catalog.js';
import type { AdminDeps } from './admin-deps.js';

export async function setVisibility(deps: AdminDeps, t: Catalog, guildId: string, visibility: string | undefined): Promise<string> {
  const open = visibility === 'public-allowed';
  await deps.settings.update(guildId, { publicReports: open }, deps.now());
  return open ? t.admin.publicAllowed : t.admin.privateOnly;
}

export async function setReportsChannel(deps: AdminDeps, t: Catalog, guildId: string, channelId: string | null): Promise<string> {
  await deps.settings.update(guildId, { reportsChannelId: channelId }, deps.now());
  return t.admin.reportsChannelSet(channelId);
}

export async function setBudget(deps: AdminDeps, t: Catalog, guildId: string, cap: number): Promise<string> {
  await deps.settings.update(guildId, { monthlyPostBudget: cap > 0 ? cap : null }, deps.now());
  const used = (await deps.budget.state(guildId)).guild?.postsRead ?? 0;
  // A cap at or below this month's reads refuses every report until the month turns: the admin is told so now.
  return t.admin.budgetSet(cap, used, nextMonthStart(deps.now()));
}
