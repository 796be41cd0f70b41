// Fails when the folders of src/ import each other in a circle (type-only
// imports included). dependency-cruiser's own circular rule works module by
// module; two folders can form a cycle through different modules, so the
// graph is collapsed to folders here and searched for a cycle. The same is
// done one level down for src/report, whose sub-folders are the report
// pipeline's steps (admission, queue, build, read, summary, chart...).

import { execFileSync } from 'node:child_process';

/** The folders to look at: the collapse pattern dependency-cruiser is given, and the folder a path falls in. */
const LEVELS = [
  { name: 'src/', collapse: '^src/[^/]+/', folder: (path) => /^src\/([^/]+)\//.exec(path)?.[1] },
  { name: 'src/report/', collapse: '^src/report/[^/]+/', folder: (path) => /^src\/report\/([^/]+)\//.exec(path)?.[1] },
];

function folderEdges({ collapse, folder }) {
  const json = execFileSync(
    process.execPath,
    [
      'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
      'src',
      '--config',
      '.dependency-cruiser.cjs',
      '--collapse',
      collapse,
      '--output-type',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const edges = new Map();
  for (const module of JSON.parse(json).modules) {
    const from = folder(module.source);
    if (!from) continue;
    for (const dep of module.dependencies) {
      const to = folder(dep.resolved);
      if (to && to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
    }
  }
  return edges;
}

function findCycle(edges) {
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
    if (cycle) return cycle;
  }
  return null;
}

for (const level of LEVELS) {
  const edges = folderEdges(level);
  const cycle = findCycle(edges);
  if (cycle) {
    console.error(`folders of ${level.name} import each other in a circle: ${cycle.join(' → ')}`);
    process.exit(1);
  }
  console.log(`✔ no cycles between the ${edges.size} folders of ${level.name} that import others`);
}
