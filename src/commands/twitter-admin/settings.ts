// /twitter-admin reports visibility|channel and budget: settings that take effect at once.

import type { Catalog } from '../../text/catalog.js';
import type { AdminDeps } from './admin-deps.js';

export function setVisibility(deps: AdminDeps, t: Catalog, guildId: string, visibility: string | undefined): string {
  const open = visibility === 'public-allowed';
  deps.settings.update(guildId, { publicReports: open }, deps.now());
  return open ? t.admin.publicAllowed : t.admin.privateOnly;
}

export function setReportsChannel(deps: AdminDeps, t: Catalog, guildId: string, channelId: string | null): string {
  deps.settings.update(guildId, { reportsChannelId: channelId }, deps.now());
  return t.admin.reportsChannelSet(channelId);
}

export function setBudget(deps: AdminDeps, t: Catalog, guildId: string, cap: number): string {
  deps.settings.update(guildId, { monthlyPostBudget: cap > 0 ? cap : null }, deps.now());
  return t.admin.budgetSet(cap, deps.budget.state(guildId).guild?.postsRead ?? 0);
}
