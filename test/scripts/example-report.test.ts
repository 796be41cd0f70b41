// README.md shows a report; this keeps it the report the code makes today.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../../scripts/example-report.js';
import { measure, V2_LIMITS } from '../../src/report/layout/limits.js';

const file = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the example report in README.md', () => {
  const { layout, markdown, png } = exampleReport();

  it('is what the code renders now (run `npm run docs:report` and paste it into README.md after a change)', () => {
    expect(file('docs/report-example.md')).toBe(markdown);
    expect(file('README.md')).toContain(markdown.replace('](report-example.png)', '](docs/report-example.png)'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('shows every part of a report: what changed, private analytics, best time, impressions, within Discord’s limits', () => {
    for (const part of ['**Your X analytics**', '**Best time to post**', '### Top posts by interactions', '**Responsiveness**']) {
      expect(markdown).toContain(part);
    }
    expect(markdown).toMatch(/\*\*\+57\*\* followers gained · in these 30 days/);
    expect(markdown).toContain('Changes compare with the same span one period earlier: ');
    expect(markdown).toContain('![chart](report-example.png)');
    const size = measure(layout as never);
    expect(size.components).toBeLessThanOrEqual(V2_LIMITS.components);
    expect(size.textLength).toBeLessThanOrEqual(V2_LIMITS.totalText);
  });
});
