// Chooses the catalog for a member's Discord locale ("en-US", "de", …).
// Adding a language: a new file shaped like en.ts (`export const de: Catalog`)
// and one line in CATALOGS.

import { en } from './en.js';

export type Catalog = typeof en;

const CATALOGS: Record<string, Catalog> = { en };

/** The best catalog for a Discord locale: exact, then its language, then English. */
export function textFor(locale: string | null | undefined): Catalog {
  if (!locale) return en;
  return CATALOGS[locale] ?? CATALOGS[locale.split('-')[0] ?? ''] ?? en;
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

export { en };
