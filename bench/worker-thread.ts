// Benchmark helpers that run in worker threads, so their work and timers do
// not share an event loop with what they measure (as the real X and Discord
// do not share the bot's).

import { Worker } from 'node:worker_threads';

/** Starts a TypeScript module in a worker thread (tsx's loader registered there first). */
export function startTsWorker(file: string, workerData: unknown): Worker {
  const entry = JSON.stringify(new URL(file, import.meta.url).href);
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`, {
    eval: true,
    workerData,
  });
  worker.on('error', (err) => {
    process.stderr.write(`benchmark worker ${file} failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
  return worker;
}

/** Posts a message and resolves with the worker's next answer. */
export function ask<T>(worker: Worker, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(message);
  });
}
