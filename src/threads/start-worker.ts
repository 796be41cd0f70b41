// Starts one of our modules in a worker thread. Built, the module is
// JavaScript beside its caller; run from source (tests, tsx) it is
// TypeScript, loaded through tsx's loader registered in the new thread.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/** `base` is the caller's import.meta.url; `name` the module's file name without extension. */
export function startWorker(base: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData, resourceLimits });
  const source = JSON.stringify(new URL(`./${name}.ts`, base).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`, {
    eval: true,
    workerData,
    resourceLimits,
  });
}
