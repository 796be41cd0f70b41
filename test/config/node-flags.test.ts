import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YOUNG_GENERATION_FLAG, youngGenerationBounded } from '../../src/config/node-flags.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the young generation flag', () => {
  it('is what `npm start` and the Docker image pass to node, before the bot', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    expect(start).toBe(`node ${YOUNG_GENERATION_FLAG} dist/main.js`);
    const cmd = /^CMD (.+)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', YOUNG_GENERATION_FLAG, 'dist/main.js']);
  });

  it('counts as given on the command line or in NODE_OPTIONS, in any of the spellings node takes', () => {
    expect(youngGenerationBounded([YOUNG_GENERATION_FLAG], undefined)).toBe(true);
    expect(youngGenerationBounded(['--max_semi_space_size=8'], undefined)).toBe(true);
    expect(youngGenerationBounded([], '--enable-source-maps  --max-semi-space-size=2')).toBe(true);
    expect(youngGenerationBounded([], '"--max-semi-space-size=4"')).toBe(true);
    // 0 is V8's own choice, not a bound.
    expect(youngGenerationBounded(['--max-semi-space-size=0'], undefined)).toBe(false);
    expect(youngGenerationBounded(['--max-old-space-size=512', '--import', 'x.js'], '--max-semi-space')).toBe(false);
    expect(youngGenerationBounded([], undefined)).toBe(false);
    expect(youngGenerationBounded([], '')).toBe(false);
  });
});
