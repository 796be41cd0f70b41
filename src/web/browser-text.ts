import type { Context } from 'hono';
import { type Catalog, catalogFor, en } from '../text/catalog.js';

/** At most this many languages of an Accept-Language header are looked at: a header is not a list to loop over. */
const MAX_LANGUAGES = 20;

/**
 * The languages of an Accept-Language header, most preferred first (RFC 9110 §12.5.4): by q-value, ties in the
 * order given; q=0 means "not this one".
 */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .slice(0, 1000)
    .split(',')
    .slice(0, MAX_LANGUAGES)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

/**
 * The catalog for a page: the member's Discord locale when the page belongs to their link or sign-in, else the
 * browser's most preferred language the bot speaks, else English.
 */
export function browserText(c: Context, memberLocale?: string | null): Catalog {
  const member = catalogFor(memberLocale);
  if (member) return member;
  for (const tag of preferredLanguages(c.req.header('accept-language'))) {
    const found = catalogFor(tag);
    if (found) return found;
  }
  return en;
}
