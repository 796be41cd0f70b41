import { describe, expect, it } from 'vitest';
import { en, textFor } from '../../src/text/catalog.js';
import { escapeMarkdown } from '../../src/text/format.js';

describe('text catalogs', () => {
  it('chooses by Discord locale: exact, then language, then English', () => {
    expect(textFor('en-US')).toBe(en);
    expect(textFor('en-GB')).toBe(en);
    expect(textFor('pt-BR')).toBe(en);
    expect(textFor(null)).toBe(en);
  });

  it('escapes markdown in names it is given, including link syntax discord.js would leave', () => {
    expect(en.linking.linked('ada_codes')).toContain('**@ada\\_codes**');
    expect(escapeMarkdown('[click](https://evil)')).toBe('\\[click\\]\\(https://evil\\)');
  });

  it('builds Discord markup with the formatters', () => {
    expect(en.admin.linkedRoleSetting('123')).toBe('Linked role: <@&123>');
    expect(en.report.cooldown(1_800_000_000_500)).toContain('<t:1800000001:R>');
  });
});
