// `npm run bench:http-floor`: what answering a burst costs before the bot does
// anything. A server that only parses each interaction-sized body and answers
// (node:http alone, then a minimal Hono app) gets N requests at once from the
// same load generator as bench:load, five rounds each; printed are each
// round's ack p50/p99 and the medians. This is the floor under bench:load's
// /report ack figures on the same machine (bench:load measures node:http's
// in its own run too).

import { measureFloor, median } from './http-floor-measure.js';

const N = Number(process.env.BENCH_MEMBERS ?? 500);
const ROUNDS = 5;

async function line(mode: 'node' | 'hono'): Promise<string> {
  const { p50s, p99s } = await measureFloor(mode, N, ROUNDS);
  const rounds = p99s.map((p99, i) => `${p50s[i]?.toFixed(0)}/${p99.toFixed(0)}`).join(', ');
  return `${mode === 'node' ? 'node:http alone   ' : 'minimal Hono app  '} p50/p99 per round ${rounds} ms; median p50 ${median(p50s).toFixed(0)} ms, p99 ${median(p99s).toFixed(0)} ms`;
}

const lines = [`HTTP floor: ${N} interaction-sized POSTs at once, ${ROUNDS} rounds`, await line('node'), await line('hono')];
process.stdout.write(`${lines.join('\n')}\n`);
