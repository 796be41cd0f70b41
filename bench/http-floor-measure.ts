// The HTTP floor (see http-floor.ts): N interaction-sized POSTs at once to a
// server that only parses and answers, from the same load generator as
// bench:load. Shared by bench:http-floor and bench:load, which measures it in
// the same run as the bot, so its ack figures can be read as a ratio.

import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { SendOrder, SendResult } from './load-sender.js';
import { startTsWorker } from './worker-thread.js';

export const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? Number.NaN;
export const median = (values: number[]) => quantile(values, 0.5);

/** Each round's ack p50 and p99 (ms) for `n` requests at once to node:http alone or a minimal Hono app. */
export async function measureFloor(mode: 'node' | 'hono', n: number, rounds: number): Promise<{ p50s: number[]; p99s: number[] }> {
  const child = fork(join(import.meta.dirname, 'http-floor-server.ts'), [mode], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const sender = startTsWorker('./load-sender.ts', { ports: [port] });
  // About the size of a real /report interaction.
  const body = JSON.stringify({
    type: 2,
    id: '1',
    token: 'x'.repeat(200),
    data: { name: 'report' },
    member: { user: { id: '1' } },
    pad: 'x'.repeat(1000),
  });
  const p50s: number[] = [];
  const p99s: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const order: SendOrder = {
        id: round,
        gapMs: 0,
        requests: Array.from({ length: n }, () => ({ path: '/interactions', body, headers: { 'content-type': 'application/json' } })),
      };
      const result = await new Promise<SendResult>((resolve) => {
        sender.once('message', resolve);
        sender.postMessage(order);
      });
      p50s.push(quantile(result.ms, 0.5));
      p99s.push(quantile(result.ms, 0.99));
    }
  } finally {
    child.kill();
    await sender.terminate();
  }
  return { p50s, p99s };
}
