// Time-zone suggestions for /report's autocomplete: IANA names matched as the
// member types ("berlin", "new york", "utc+"), each shown with its current
// UTC offset. Pure but for the clock passed in.

import { AUTOCOMPLETE_LIMITS, type AutocompleteChoice } from '../interaction/contract.js';

/** Shown before anything is typed: the member's last zone first, then zones many members live in. */
const COMMON = [
  'UTC',
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Moscow',
  'Africa/Lagos',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/**
 * ICU (and so Intl) still lists and resolves some zones by names IANA has
 * replaced: a member who types Kolkata should see Asia/Kolkata, not
 * Asia/Calcutta. Intl accepts the current names as input all the same.
 */
const CURRENT_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};
const currentName = (zone: string) => CURRENT_NAMES[zone] ?? zone;

let zones: string[] | null = null;

/** Every IANA zone this Node knows, by current names, UTC first. Built on first use: autocomplete is the only reader. */
function allZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')].map(currentName);
  return zones;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** "UTC+05:30", "UTC−08:00", "UTC" at `now` in `zone`. */
export function utcOffsetLabel(zone: string, now: number): string {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  return name === 'GMT' || name === 'GMT+00:00' ? 'UTC' : name.replace('GMT', 'UTC').replace('-', '−');
}

/** Ranks a zone against what was typed: lower is better, null is no match. */
function rank(zone: string, typed: string): number | null {
  const name = zone.toLowerCase();
  if (name === typed) return 0;
  if (name.startsWith(typed)) return 1;
  // "york" finds America/New_York; "kolkata" finds Asia/Kolkata.
  if (name.split(/[/_]/).some((part) => part.startsWith(typed))) return 2;
  const city = name.slice(name.lastIndexOf('/') + 1);
  if (city.startsWith(typed)) return 2;
  return name.includes(typed) ? 3 : null;
}

/** At most as many as Discord shows: each costs an offset lookup. */
export function suggestTimeZones(typed: string, remembered: string | null, now: number): AutocompleteChoice[] {
  const query = typed.trim().toLowerCase().replace(/\s+/g, '_').slice(0, 64);
  let names: string[];
  if (!query) {
    names = [...new Set([...(remembered ? [remembered] : []), ...COMMON])];
  } else {
    const ranked = allZones()
      .map((zone) => ({ zone, rank: rank(zone, query) }))
      .filter((z): z is { zone: string; rank: number } => z.rank !== null)
      .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone));
    names = ranked.map((z) => z.zone);
    // Their own zone first when it matches at all.
    if (remembered && names.includes(remembered)) names = [remembered, ...names.filter((z) => z !== remembered)];
  }
  return names.slice(0, AUTOCOMPLETE_LIMITS.choices).map((zone) => ({ name: `${zone} (${utcOffsetLabel(zone, now)})`, value: zone }));
}

const canonical = new Map<string, string>();

/**
 * The zone's canonical spelling ("europe/berlin" → "Europe/Berlin"), or null
 * when it is not a zone. Remembered (a formatter costs about half a
 * millisecond, on the way to an ack), in a map kept small: spellings are
 * the member's to vary.
 */
export function canonicalTimeZone(zone: string): string | null {
  const known = canonical.get(zone);
  if (known) return known;
  let resolved: string;
  try {
    resolved = currentName(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return null;
  }
  if (canonical.size >= 2000) canonical.clear();
  canonical.set(zone, resolved);
  return resolved;
}
