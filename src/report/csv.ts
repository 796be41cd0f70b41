// A member's posts as CSV (RFC 4180), for the report's Export CSV button.
// Post texts are written by strangers (replies, quotes of others), so every
// cell a spreadsheet would run as a formula is neutralised, the way OWASP
// recommends: a leading ' before =, +, -, @, tab or carriage return. Pure.

import { LocalClock } from './local-time.js';
import type { StoredPost } from './stored-post.js';

/** Excel and LibreOffice read UTF-8 only when told by a byte-order mark. */
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

const PUBLIC_COLUMNS = ['id', 'url', 'local_time', 'kind', 'text', 'likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'];
/** X's non_public_metrics: the member's own, of the last 30 days; empty where X sent none. */
const PRIVATE_COLUMNS = ['private_impressions', 'profile_visits', 'link_clicks', 'engagements'];

/** One cell, quoted when it must be (comma, quote, line break) and defused when a spreadsheet would evaluate it. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Numbers are ours (counts, never negative): only text can be a formula.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** ISO 8601 local time with the zone's offset at that instant: 2026-11-23T13:05:00+01:00. */
export function localIso(ms: number, clock: LocalClock): string {
  const offset = clock.offset(ms);
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  if (offset === 0) return `${local}+00:00`;
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

export interface CsvOptions {
  /** The member's X handle, for each post's URL. */
  username: string;
  timeZone: string;
  /** Include X's private metrics (a private report only). */
  withPrivate: boolean;
}

/** The CSV file: a header row, then one row per post, oldest first, CRLF line ends. */
export function postsCsv(posts: readonly StoredPost[], options: CsvOptions): string {
  const clock = new LocalClock(options.timeZone);
  const header = options.withPrivate ? [...PUBLIC_COLUMNS, ...PRIVATE_COLUMNS] : PUBLIC_COLUMNS;
  const rows = [header.map(csvCell).join(',')];
  const ordered = [...posts].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  for (const p of ordered) {
    const cells: Array<string | number | null> = [
      p.id,
      `https://x.com/${options.username}/status/${p.id}`,
      localIso(p.createdAt, clock),
      p.kind,
      p.text,
      p.likes,
      p.reposts,
      p.replies,
      p.quotes,
      p.bookmarks,
      p.impressions,
    ];
    if (options.withPrivate) {
      const m = p.privateMetrics;
      cells.push(m?.impression_count ?? null, m?.user_profile_clicks ?? null, m?.url_link_clicks ?? null, m?.engagements ?? null);
    }
    rows.push(cells.map(csvCell).join(','));
  }
  return `${BOM}${rows.join('\r\n')}\r\n`;
}
