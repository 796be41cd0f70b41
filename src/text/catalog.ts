// Chooses the catalog for a member's Discord locale ("en-US", "de", …).
// Adding a language: a new file shaped like en.ts (`export const de: Catalog`)
// and one line in CATALOGS.

import { en } from './en.js';
import { ja } from './ja.js';

export type Catalog = typeof en;

/** By Discord locale (https://discord.com/developers/docs/reference#locales): Japanese is "ja". */
const CATALOGS: Record<string, Catalog> = { en, ja };

/** The catalog for a locale or language tag ("ja", "ja-JP", "en-US"): exact, then its language; null if none. */
export function catalogFor(locale: string | null | undefined): Catalog | null {
  if (!locale) return null;
  return CATALOGS[locale] ?? CATALOGS[locale.toLowerCase().split('-')[0] ?? ''] ?? null;
}

/** The best catalog for a Discord locale: exact, then its language, then English. */
export function textFor(locale: string | null | undefined): Catalog {
  return catalogFor(locale) ?? en;
}

/**
 * The locale for a message the whole channel reads (a public report, a shared copy): the server's, when its admins
 * chose one; Discord reports "en-US" for a server that never chose, and then the asking member's is the better guess.
 */
export function channelLocale(guildLocale: string | null | undefined, memberLocale: string | null): string | null {
  return guildLocale && guildLocale !== 'en-US' ? guildLocale : memberLocale;
}

/** A command's text in English (what Discord falls back to) and in every other catalog, by Discord locale. */
export function localized(key: keyof Catalog['commands']): { text: string; localizations: Record<string, string> } {
  const localizations = Object.fromEntries(
    Object.values(CATALOGS)
      .filter((catalog) => catalog !== en)
      .map((catalog) => [catalog.locale, catalog.commands[key]]),
  );
  return { text: en.commands[key], localizations };
}

/** A command's or option's name in English (what the bot registers and reads) and in every other catalog. */
export function localizedName(key: keyof Catalog['commandNames']): { text: string; localizations: Record<string, string> } {
  const localizations = Object.fromEntries(
    Object.values(CATALOGS)
      .filter((catalog) => catalog !== en)
      .map((catalog) => [catalog.locale, catalog.commandNames[key]]),
  );
  return { text: en.commandNames[key], localizations };
}

/** Every catalog but English, for tests that go through them all. */
export const OTHER_CATALOGS: readonly Catalog[] = Object.values(CATALOGS).filter((catalog) => catalog !== en);

export { en, ja };
