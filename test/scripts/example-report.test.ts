// README.md shows a report; this keeps it the report the code makes today.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../../scripts/example-report.js';
import { EMBED_LIMITS } from '../../src/report/embed.js';

const file = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the example report in README.md', () => {
  const { embed, markdown, png } = exampleReport();

  it('is what the code renders now (run `npm run docs:report` and paste it into README.md after a change)', () => {
    expect(file('docs/report-example.md')).toBe(markdown);
    expect(file('README.md')).toContain(markdown.replace('](report-example.png)', '](docs/report-example.png)'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('shows every part of a report: what changed, private analytics, best time, impressions, within Discord’s limits', () => {
    const names = embed.fields!.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Your X analytics', 'Best time to post', 'Top posts by interactions']));
    expect(embed.description).toMatch(/^\*\*\+57 followers\*\* in these 30 days\.\nAgainst the same span one period earlier \(/);
    expect(embed.fields!.length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  });
});
