// `npm run bench:http-floor`: what answering a burst costs before the bot does
// anything. A server that only parses each interaction-sized body and answers
// (node:http alone, then a minimal Hono app) gets N requests at once from the
// same load generator as bench:load, five rounds each; printed are each
// round's ack p50/p99 and the medians. This is the floor under bench:load's
// /report ack figures on the same machine.

import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { SendOrder, SendResult } from './load-sender.js';
import { startTsWorker } from './worker-thread.js';

const N = Number(process.env.BENCH_MEMBERS ?? 500);
const ROUNDS = 5;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
const median = (values: number[]) => quantile(values, 0.5);

async function measure(mode: 'node' | 'hono'): Promise<string> {
  const child = fork(join(import.meta.dirname, 'http-floor-server.ts'), [mode], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const sender = startTsWorker('./load-sender.ts', { port });
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
    for (let round = 0; round < ROUNDS; round++) {
      const order: SendOrder = {
        id: round,
        gapMs: 0,
        requests: Array.from({ length: N }, () => ({ path: '/interactions', body, headers: { 'content-type': 'application/json' } })),
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
  const rounds = p99s.map((p99, i) => `${p50s[i]!.toFixed(0)}/${p99.toFixed(0)}`).join(', ');
  return `${mode === 'node' ? 'node:http alone   ' : 'minimal Hono app  '} p50/p99 per round ${rounds} ms; median p50 ${median(p50s).toFixed(0)} ms, p99 ${median(p99s).toFixed(0)} ms`;
}

const lines = [`HTTP floor: ${N} interaction-sized POSTs at once, ${ROUNDS} rounds`, await measure('node'), await measure('hono')];
process.stdout.write(`${lines.join('\n')}\n`);
