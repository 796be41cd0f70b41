// /twitter-admin digest set|off: the weekly digest's channel, day, time and
// zone. The bot's permission to post there is checked with Discord at once,
// and again every time it posts.

import { formatTime, parseTime } from '../../digest/schedule.js';
import { canonicalTimeZone } from '../../report/time-zones.js';
import type { Catalog } from '../../text/catalog.js';
import type { AdminDeps } from './admin-deps.js';

export interface DigestAsk {
  channelId: string | null;
  weekday: number | undefined;
  time: string | undefined;
  timeZone: string | undefined;
  locale: string | null;
}

export async function setDigest(deps: AdminDeps, t: Catalog, guildId: string, ask: DigestAsk): Promise<string> {
  const a = t.admin;
  const minuteOfDay = parseTime(ask.time ?? '');
  if (minuteOfDay === null) return a.digestBadTime(ask.time ?? '');
  const timeZone = canonicalTimeZone(ask.timeZone?.trim() || 'UTC');
  if (timeZone === null) return a.digestBadZone(ask.timeZone ?? '');
  const weekday = ask.weekday ?? -1;
  if (!ask.channelId || !Number.isInteger(weekday) || weekday < 0 || weekday > 6) return a.unknownSubcommand;
  const schedule = { guildId, channelId: ask.channelId, weekday, minuteOfDay, timeZone, locale: ask.locale, updatedAt: deps.now() };
  await deps.digests.set(schedule);
  const check = await deps.digests.canPost(guildId, ask.channelId);
  const next = (await deps.digests.outlook(guildId, 0)).next ?? 0;
  const set = a.digestSet(ask.channelId, t.weekdays[weekday] ?? '', formatTime(minuteOfDay), timeZone, next);
  return check.ok ? set : `${set}\n${a.digestCannotPost(ask.channelId, check)}`;
}

export async function digestOff(deps: AdminDeps, t: Catalog, guildId: string): Promise<string> {
  return (await deps.digests.off(guildId)) ? t.admin.digestOff : t.admin.digestOffNone;
}
