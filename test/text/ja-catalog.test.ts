// The Japanese catalog is complete: every entry renders, for representative
// values reaching each branch, to Japanese text in which nothing English is
// left beyond names, handles, URLs, Discord markup and a few proper nouns; and
// the typed samples (catalog-samples.ts) make a new English entry without a
// Japanese one, or without samples, fail the type check.

import { describe, expect, it } from 'vitest';
import { type Catalog, en, ja, OTHER_CATALOGS, textFor } from '../../src/text/catalog.js';
import { NAMES, SAMPLES } from './catalog-samples.js';

/** Words that stay as they are in Japanese text: proper nouns, formats, identifiers an operator types. */
const KEPT = [
  'Callback URL not approved',
  'client-not-enrolled',
  'DISCORD_CLIENT_SECRET',
  'DISCORD_TOKEN',
  'Discord',
  'Cookie',
  'Twitter',
  'IANA',
  'UTC',
  'CSV',
  'URL',
  'X',
];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** Entries whose rendering is a number, a mark or a name, the same in every language. */
const LANGUAGE_FREE = new Set([
  'locale',
  'pages.discordIdentity',
  'reportView.headline.count',
  'reportView.headline.signed',
  'reportView.headline.percent',
  'reportView.headline.perPost',
  'reportView.headline.none',
]);

function resolve(arg: unknown, c: Catalog): unknown {
  if (Array.isArray(arg)) return arg.map((a) => resolve(a, c));
  if (typeof arg !== 'string') return arg;
  const [kind, value = ''] = arg.split(':');
  if (kind === 'WEEKDAY') return c.weekdays[Number(value)];
  if (kind === 'KIND') return c.reportView.kinds[value as keyof Catalog['reportView']['kinds']];
  if (kind === 'LABEL') return (c.reportView.headline as Record<string, unknown>)[value];
  if (kind === 'CHANGE') return value === 'posts' ? c.report.postsChange(12, 10, 0.2) : c.report.likesPerPostChange(4.2, 3.1, 0.35, 48);
  return arg;
}

/** Every text an entry can show: strings as they are, functions called with each sample, objects walked. */
function renderings(entry: unknown, samples: unknown, c: Catalog, path: string): Array<{ path: string; text: string }> {
  if (typeof entry === 'string') return [{ path, text: entry }];
  if (Array.isArray(entry)) return entry.flatMap((e, i) => renderings(e, null, c, `${path}[${i}]`));
  if (typeof entry === 'function') {
    const calls = samples as unknown[][] | null;
    if (!calls?.length) throw new Error(`no samples for ${path}`);
    return calls.flatMap((args, i) => renderings(entry(...(resolve(args, c) as unknown[])), null, c, `${path}(${i})`));
  }
  if (entry && typeof entry === 'object') {
    return Object.entries(entry).flatMap(([key, value]) => {
      // The chart's tick and date formatters are tested with the formats; here, its words.
      if (typeof value === 'function' && samples === null) return [];
      // A page's language and tone are settings, not text.
      if (key === 'lang' || key === 'tone') return [];
      const inner = samples && typeof samples === 'object' ? (samples as Record<string, unknown>)[key] : null;
      return renderings(value, inner ?? null, c, path ? `${path}.${key}` : key);
    });
  }
  return [];
}

/** What is left of a text once names, handles, URLs, markup, numbers and kept words are taken out. */
function leftover(text: string): string {
  // URLs first: a name inside one (x.com/<handle>/status/…) would otherwise cut it in two.
  let rest = text.replace(/https?:\/\/[^\s)]+/g, ' ');
  for (const name of NAMES) rest = rest.split(name).join(' ');
  rest = rest
    .replace(/<(?:t:\d+(?::\w)?|#\d+|@&?\d+)>/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/@[\w\\]+/g, ' ')
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+\b/g, ' ');
  for (const word of KEPT) rest = rest.split(word).join(' ');
  return rest;
}

const jaTexts = renderings(ja, SAMPLES, ja, '');
const enTexts = new Map(renderings(en, SAMPLES, en, '').map((r) => [r.path, r.text]));

describe('the Japanese catalog', () => {
  it('is chosen for Discord’s "ja" locale and for ja-JP', () => {
    expect(textFor('ja')).toBe(ja);
    expect(textFor('ja-JP')).toBe(ja);
    expect(OTHER_CATALOGS).toContain(ja);
  });

  it('renders every entry of the English catalog, for samples reaching each branch', () => {
    expect(jaTexts.length).toBe(enTexts.size);
    expect(jaTexts.length).toBeGreaterThan(350);
    for (const { path, text } of jaTexts) {
      expect(enTexts.has(path), path).toBe(true);
      expect(text.trim().length, path).toBeGreaterThan(0);
    }
  });

  it('says every entry in Japanese, leaving no English but names, handles, URLs, markup and proper nouns', () => {
    const english: string[] = [];
    for (const { path, text } of jaTexts) {
      const base = path.replace(/\(\d+\)|\[\d+\]/g, '');
      if (LANGUAGE_FREE.has(base)) continue;
      if (!JAPANESE.test(text)) english.push(`${path}: ${text}`);
      const words = leftover(text).match(/[A-Za-z]{2,}/g);
      if (words) english.push(`${path}: ${words.join(' ')} — in ${text}`);
    }
    expect(english).toEqual([]);
  });

  it('differs from English wherever English says something in words', () => {
    const same = jaTexts.filter(({ path, text }) => !LANGUAGE_FREE.has(path.replace(/\(\d+\)|\[\d+\]/g, '')) && enTexts.get(path) === text);
    expect(same.map((s) => s.path)).toEqual([]);
  });

  it('names every command, option and choice in Japanese within Discord’s name rule', () => {
    for (const [path, name] of Object.entries(ja.commandNames)) {
      expect(name, path).toMatch(/^[-_'\p{L}\p{N}]{1,32}$/u);
      expect(name, path).toBe(name.toLowerCase());
      expect(en.commandNames[path as keyof Catalog['commandNames']], path).toBe(path.split(' ').at(-1));
    }
    for (const [path, description] of Object.entries(ja.commands)) {
      expect(description.length, path).toBeLessThanOrEqual(100);
      expect(description, path).toMatch(JAPANESE);
    }
  });
});
