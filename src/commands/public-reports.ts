// Whether a report may be public in a channel: the server's settings (set
// with /twitter-admin) decide, for /report public:true and for Share.

import type { SettingsStore } from '../guilds/stores.js';
import type { Catalog } from '../text/catalog.js';

/** Why a public report may not be posted in this channel, or null when it may. */
export async function publicRefusal(
  t: Catalog,
  settings: SettingsStore,
  guildId: string,
  channelId: string | null,
): Promise<string | null> {
  const s = await settings.get(guildId);
  if (!s.publicReports) return t.report.publicOff;
  if (s.reportsChannelId && s.reportsChannelId !== channelId) return t.report.publicElsewhere(s.reportsChannelId);
  return null;
}
