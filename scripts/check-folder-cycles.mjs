// Fails when the folders of src/ import each other in a circle (type-only
// imports included). dependency-cruiser's own circular rule works module by
// module; two folders can form a cycle through different modules, so the
// graph is collapsed to folders here and searched for a cycle.

import { execFileSync } from 'node:child_process';

const json = execFileSync(
  process.execPath,
  [
    'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
    'src',
    '--config',
    '.dependency-cruiser.cjs',
    '--collapse',
    '^src/[^/]+/',
    '--output-type',
    'json',
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const folder = (path) => /^src\/([^/]+)\//.exec(path)?.[1];
const edges = new Map();
for (const module of JSON.parse(json).modules) {
  const from = folder(module.source);
  if (!from) continue;
  for (const dep of module.dependencies) {
    const to = folder(dep.resolved);
    if (to && to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
  }
}

const state = new Map(); // undefined: unvisited, 1: on the path, 2: done
const path = [];
function visit(node) {
  state.set(node, 1);
  path.push(node);
  for (const next of edges.get(node) ?? []) {
    if (state.get(next) === 1) return [...path.slice(path.indexOf(next)), next];
    if (!state.has(next)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
  }
  path.pop();
  state.set(node, 2);
  return null;
}
for (const node of edges.keys()) {
  const cycle = state.has(node) ? null : visit(node);
  if (cycle) {
    console.error(`folders of src/ import each other in a circle: ${cycle.join(' → ')}`);
    process.exit(1);
  }
}
console.log(`✔ no cycles between the ${edges.size} folders of src/ that import others`);
