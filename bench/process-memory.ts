// Where a process's resident memory is, from /proc/<pid>/smaps: what is
// mapped from files (the node binary and shared libraries, native addons such
// as Skia's, fonts, the SQLite database) and what is anonymous (every
// thread's JavaScript heap, malloc's arenas, Skia's native buffers, stacks).
// Linux only; the benchmarks print it for the bot's own process.

import { readFileSync } from 'node:fs';

const CATEGORIES: Array<[string, (path: string) => boolean]> = [
  ['fonts', (p) => /\.(ttc|ttf|otf)$/i.test(p)],
  ['native addons', (p) => p.endsWith('.node')],
  ['node and libraries', (p) => p.startsWith('/') && (p.includes('.so') || p.endsWith('/node'))],
  ['database files', (p) => /\.sqlite(-wal|-shm)?$/.test(p)],
  ['anonymous', (p) => p === '' || p.startsWith('[heap]') || p.startsWith('[anon')],
];

/** Resident MiB by kind of mapping; what fits no kind is 'other'. */
export function residentByKind(pid: number): Record<string, number> {
  const kb: Record<string, number> = {};
  let path = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      path = mapping[1] ?? '';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (!rss) continue;
    const kind = CATEGORIES.find(([, test]) => test(path))?.[0] ?? 'other';
    kb[kind] = (kb[kind] ?? 0) + Number(rss[1]);
  }
  return Object.fromEntries(Object.entries(kb).map(([k, v]) => [k, v / 1024]));
}

/** One line: "anonymous 120 MiB, node and libraries 45 MiB, ...", largest first. */
export function describeResident(pid: number): string {
  return Object.entries(residentByKind(pid))
    .sort((a, b) => b[1] - a[1])
    .map(([kind, mib]) => `${kind} ${mib.toFixed(0)}`)
    .join(', ');
}
