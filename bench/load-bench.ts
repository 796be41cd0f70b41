// `npm run bench:load`: the built bot (node dist/main.js, HTTP interactions
// mode) under a burst. N members are linked through the real OAuth flow, then
// N signed /report days:90 interactions are sent at once while /link-twitter
// interactions keep arriving; X answers every request after BENCH_X_LATENCY_MS
// (default 2000). Each member has BENCH_POSTS posts (default 1000); the bot's
// REPORT_MAX_POSTS and the other queue settings are passed through from the
// environment (the heavy scenario: BENCH_POSTS=3200 REPORT_MAX_POSTS=3200).
// Prints, for each N in BENCH_MEMBERS (default 50,200,500): ack p50/p99/max for
// both commands, node:http's p99 for N requests at once measured in the same
// run (the floor under the acks), the bot's CPU while the acks went out per
// ack, when the first, median and last report were delivered against one
// report alone, CPU per report, and the bot's RSS idle, peak and after, and
// at its peak during the lone report. Asserts nothing.
// With BENCH_REPLICAS=3 and BENCH_DATABASE_URL (a PostgreSQL server the bench
// may create a database on), that many replicas share the database and the
// load is spread over them round-robin; CPU and RSS are their sums.
// The X stand-in and the load generator each run in a thread of their own
// (see load-x-worker.ts, load-sender.ts), so the acks timed are the bot's.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { XStandIn } from '../src/local-x/x-stand-in.js';
import { type BotProcess, standInEnv, startBotProcess } from '../test/support/bot-process.js';
import { Browser } from '../test/support/browser.js';
import { commandPayload, DiscordSigner } from '../test/support/discord-payloads.js';
import { DiscordStandIn } from '../test/support/discord-stand-in.js';
import { freshPostgresDatabase } from '../test/support/test-engine.js';
import { measureFloor, median, quantile } from './http-floor-measure.js';
import type { PreparedRequest, SendOrder, SendResult } from './load-sender.js';
import { describeResident } from './process-memory.js';
import { ask, startTsWorker } from './worker-thread.js';

const LATENCY = Number(process.env.BENCH_X_LATENCY_MS ?? 2000);
const SIZES = (process.env.BENCH_MEMBERS ?? '50,200,500').split(',').map(Number);
/** Posts in each member's 90 days (default ten pages). */
const POSTS = Number(process.env.BENCH_POSTS ?? 1000);
const LINKS_DURING_BURST = 40;
/** One /link-twitter every this many ms during the burst. */
const LINK_GAP_MS = Number(process.env.BENCH_LINK_GAP_MS ?? 100);
/** Rounds of node:http's floor measured after each burst (the median is printed). */
const FLOOR_ROUNDS = 3;
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const POSTGRES = process.env.BENCH_DATABASE_URL;
if (REPLICAS > 1 && !POSTGRES) throw new Error('BENCH_REPLICAS needs BENCH_DATABASE_URL: replicas share a PostgreSQL database');

function pick(from: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (from[n] ? [[n, from[n]]] : [])));
}

/** CPU seconds the process has used, from /proc (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(field));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function run(members: number): Promise<string[]> {
  const users = Array.from({ length: members }, (_, i) => ({
    id: String(1456789012345678901n + BigInt(i)),
    screenName: `member${i}`,
    discordId: String(300000000000000001n + BigInt(i)),
  }));
  const xWorker = startTsWorker('./load-x-worker.ts', { users, posts: POSTS, now: Date.now() });
  const x = await new Promise<Pick<XStandIn, 'baseUrl' | 'consumer'>>((resolve) => xWorker.once('message', resolve));
  const discord = await new DiscordStandIn().start();
  const signer = new DiscordSigner();
  const dir = mkdtempSync(join(tmpdir(), 'xbot-load-'));
  const database = POSTGRES ? await freshPostgresDatabase(POSTGRES) : null;
  const env: Record<string, string> = {
    ...standInEnv(x as XStandIn, discord, signer, dir),
    ...(database ? { DATABASE_URL: database.url } : {}),
    REPORT_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    // The queue's settings and the progress edits', when set, so their trade-off can be measured.
    ...pick(process.env, [
      'REPORT_CONCURRENCY',
      'REPORT_PAGES_IN_FLIGHT',
      'REPORT_REQUESTS_IN_FLIGHT',
      'REPORT_MAX_POSTS',
      'REPORT_PROGRESS_SECONDS',
    ]),
    // glibc's malloc settings, when set, to measure what they do to resident memory.
    ...pick(process.env, ['MALLOC_ARENA_MAX', 'MALLOC_TRIM_THRESHOLD_']),
  };
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the bot under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const replicas: BotProcess[] = [];
  for (let i = 0; i < REPLICAS; i++) replicas.push(await startBotProcess(env, dir, nodeArgs));
  const bot = replicas[0]!;
  const sumOver = (measure: (pid: number) => number) => replicas.reduce((sum, r) => sum + measure(r.pid), 0);
  const sender = startTsWorker('./load-sender.ts', { ports: replicas.map((r) => Number(new URL(r.base).port)) });
  const results = new Map<number, (r: SendResult) => void>();
  sender.on('message', (r: SendResult) => results.get(r.id)?.(r));
  let orders = 0;
  /** Times the acks of prepared interactions, sent all at once or one every gapMs. */
  const send = (payloads: unknown[], gapMs = 0): Promise<number[]> => {
    const requests: PreparedRequest[] = payloads.map((p) => {
      const body = JSON.stringify(p);
      return { path: '/interactions', body, headers: signer.headers(body) };
    });
    const order: SendOrder = { id: ++orders, requests, gapMs };
    return new Promise((resolve, reject) => {
      results.set(order.id, (r) =>
        r.statuses.every((s) => s === 200) ? resolve(r.ms) : reject(new Error(`statuses ${[...new Set(r.statuses)].join(', ')}`)),
      );
      sender.postMessage(order);
    });
  };
  const interact = async (payload: unknown) => {
    const body = JSON.stringify(payload);
    const t = performance.now();
    const res = await fetch(`${bot.base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
    const ms = performance.now() - t;
    return { ms, json: (await res.json()) as { type: number; data?: { components?: Array<{ components: Array<{ url: string }> }> } } };
  };
  try {
    // Link every member through the real flow (X without latency, so set-up is quick).
    for (const u of users) {
      const answer = await interact(commandPayload({ name: 'link-twitter', member: { id: u.discordId, username: u.screenName } }));
      const url = new URL(answer.json.data?.components?.[0]?.components[0]?.url ?? '');
      await ask(xWorker, { approveAs: u });
      const browser = new Browser((path, init) => fetch(`${bot.base}${path}`, init), env.PUBLIC_URL ?? '');
      const toX = (await browser.openLink(url.pathname)).location;
      const back = new URL((await fetch(toX ?? '', { redirect: 'manual' })).headers.get('location') ?? '');
      const linked = await browser.get(`${back.pathname}${back.search}`);
      if (linked.status !== 200) throw new Error(`linking failed (${linked.status})`);
    }
    await ask(xWorker, { latencyMs: LATENCY });
    const report = (u: (typeof users)[number]) =>
      commandPayload({
        name: 'report',
        member: { id: u.discordId, username: u.screenName },
        options: [{ name: 'days', type: 4, value: 90 }],
      });
    /**
     * Waits until every token's report is delivered; returns when each was seen (ms after `from`, to 50 ms).
     * Delivered: the Components V2 report, whose gallery shows the attached chart (progress notes and failures
     * are text alone). Each recorded request is looked at once (the stand-in keeps them all, in order): this
     * loop shares the machine (and the Discord stand-in's thread) with the bot, so rescanning thousands of
     * progress edits every 50 ms would slow the very deliveries it times.
     */
    const waitFor = async (tokens: string[], from: number) => {
      const wanted = new Set(tokens);
      const seen = new Map<string, number>();
      let looked = 0;
      while (seen.size < tokens.length) {
        for (; looked < discord.requests.length; looked++) {
          const e = discord.requests[looked] as (typeof discord.requests)[number];
          if (!DiscordStandIn.isEdit(e)) continue;
          const token = e.path.split('/').at(-3) ?? '';
          if (wanted.has(token) && !seen.has(token) && e.raw.includes('attachment://')) seen.set(token, performance.now() - from);
        }
        if (seen.size < tokens.length) await new Promise((r) => setTimeout(r, 50));
      }
      return [...seen.values()].sort((a, b) => a - b);
    };

    // The floor: one report alone at this latency (a member who then reports again in the burst: reset their store).
    await new Promise((r) => setTimeout(r, 2000));
    const beforeLone = sumOver((pid) => rssMiB(pid, 'VmRSS'));
    for (const r of replicas) writeFileSync(`/proc/${r.pid}/clear_refs`, '5'); // resets the peak (VmHWM)
    const lone = report(users[0]!);
    const loneStart = performance.now();
    await interact(lone);
    const floorMs = (await waitFor([lone.token], loneStart))[0] ?? Number.NaN;
    const lonePeak = sumOver((pid) => rssMiB(pid, 'VmHWM'));
    await forgetPosts(database?.url ?? null, env.DATABASE_PATH ?? '');

    await new Promise((r) => setTimeout(r, 2000));
    const idle = sumOver((pid) => rssMiB(pid, 'VmRSS'));
    const idleKinds = describeResident(bot.pid);
    for (const r of replicas) writeFileSync(`/proc/${r.pid}/clear_refs`, '5'); // resets the peak (VmHWM)
    const cpuBefore = sumOver(cpuMs);
    const payloads = users.map(report);
    const links = Array.from({ length: LINKS_DURING_BURST }, (_, i) => {
      const u = users[i % users.length]!;
      return commandPayload({ name: 'link-twitter', member: { id: u.discordId, username: u.screenName } });
    });
    const start = performance.now();
    const reportAcks = send(payloads).then((ms) => ({ ms, cpuMs: sumOver(cpuMs) - cpuBefore }));
    // Watched from the start, beside the acks: the /link-twitter sends alone last 40 × 250 ms, and a report
    // delivered before they end must not be timed as delivered when they end.
    const deliveries = waitFor(
      payloads.map((p) => p.token),
      start,
    );
    const [{ ms: acks, cpuMs: ackCpu }, linkAcks] = await Promise.all([reportAcks, send(links, LINK_GAP_MS)]);
    const times = await deliveries;
    const cpuPerReport = (sumOver(cpuMs) - cpuBefore) / members;
    const peak = sumOver((pid) => rssMiB(pid, 'VmHWM'));
    await new Promise((r) => setTimeout(r, 5000));
    const after = sumOver((pid) => rssMiB(pid, 'VmRSS'));
    const afterKinds = describeResident(bot.pid);
    // The floor under the acks, now, on the same machine: node:http alone answering N at once.
    const floor = median((await measureFloor('node', members, FLOOR_ROUNDS)).p99s);
    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const p99 = quantile(acks, 0.99);
    const [first, middle, last] = [times[0] ?? Number.NaN, median(times), times.at(-1) ?? Number.NaN];
    return [
      `N = ${members}${REPLICAS > 1 ? `, ${REPLICAS} replicas on PostgreSQL (CPU and RSS summed)` : ''}`,
      `  /report ack          p50 ${f(quantile(acks, 0.5))}, p99 ${f(p99)}, max ${f(Math.max(...acks))}; node:http alone p99 ${f(floor)} (median of ${FLOOR_ROUNDS}), ratio ${(p99 / floor).toFixed(2)}`,
      `  /link-twitter ack    p50 ${f(quantile(linkAcks, 0.5))}, p99 ${f(quantile(linkAcks, 0.99))}, max ${f(Math.max(...linkAcks))} (${LINKS_DURING_BURST}, one every ${LINK_GAP_MS} ms)`,
      `  CPU while acking     ${(ackCpu / members).toFixed(1)} ms per /report ack (the bot's CPU from the burst until its last ack, every thread)`,
      `  delivered            first ${s(first)} (${(first / floorMs).toFixed(2)} × one alone), median ${s(middle)} (${(middle / last).toFixed(2)} × last), last ${s(last)}; one report alone ${s(floorMs)}`,
      `  delivered by tenths  ${[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((q) => (quantile(times, q) / 1000).toFixed(1)).join(' / ')} s`,
      `  CPU per report       ${cpuPerReport.toFixed(0)} ms`,
      `  RSS                  idle ${beforeLone.toFixed(0)} MiB after linking (no report yet), ${idle.toFixed(0)} MiB after one report; peak ${peak.toFixed(0)} MiB, after ${after.toFixed(0)} MiB; one report alone: peak ${lonePeak.toFixed(0)} MiB`,
      `  resident, by kind    after one report: ${idleKinds}; after the burst: ${afterKinds} (MiB, the first replica, from /proc/<pid>/smaps)`,
    ];
  } finally {
    for (const r of replicas) await r.stop();
    // BENCH_BOT_LOG: where to keep the first replica's output (its logs, and what BENCH_NODE_ARGS such as --trace-gc print).
    if (process.env.BENCH_BOT_LOG) writeFileSync(process.env.BENCH_BOT_LOG, `${bot.lines.join('\n')}\n`);
    await database?.drop();
    await sender.terminate();
    await xWorker.terminate();
    await discord.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Deletes what the lone report stored, so the burst is as cold for that member as for the others. */
async function forgetPosts(postgresUrl: string | null, databasePath: string): Promise<void> {
  const statements = 'delete from x_posts; delete from x_coverage; delete from x_fetch_state; delete from x_profiles';
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(statements);
    await client.end();
    return;
  }
  const db = new BetterSqlite3(databasePath);
  db.exec(statements);
  db.close();
}

const maxPosts = process.env.REPORT_MAX_POSTS ?? 'default';
const lines = [
  `Load benchmark: built bot, HTTP mode, X latency ${LATENCY} ms, ${POSTS} posts per member (REPORT_MAX_POSTS ${maxPosts}), /report days:90`,
];
for (const n of SIZES) lines.push(...(await run(n)));
process.stdout.write(`${lines.join('\n')}\n`);
