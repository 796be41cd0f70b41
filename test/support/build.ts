// Vitest global setup: compiles src/ to dist/ once, so every black-box test
// file runs the same build and none races another compiling it.

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export default function build(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], {
    stdio: 'inherit',
  });
}
