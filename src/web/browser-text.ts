import type { Context } from 'hono';
import { type Catalog, textFor } from '../text/catalog.js';

/** The catalog for the browser's first preferred language, when no member's locale is known. */
export function browserText(c: Context): Catalog {
  return textFor(c.req.header('accept-language')?.split(/[,;]/)[0]?.trim());
}
