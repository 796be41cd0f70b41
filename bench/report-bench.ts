// `npm run bench`: how fast and how cheap /report is. Prints figures, asserts
// nothing. X is the local stand-in with a per-request latency
// (BENCH_LATENCY_MS, default 50) serving a 3,200-post timeline; then the cost
// benchmark (cost-bench.ts) on a simulated month. The RSS of the bot's own process
// (built) is measured apart, through bench:load with one member.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/bot.js';
import { silentLogger } from '../src/log/logger.js';
import { renderChart, warmUpChart } from '../src/report/chart/chart.js';
import { reportLayout } from '../src/report/layout/report-layout.js';
import { CHART_FILE } from '../src/report/render/job.js';
import { toStoredPost } from '../src/report/stored-post.js';
import { summarise } from '../src/report/summary/summary.js';
import { openSqliteStores } from '../src/storage/sqlite/stores.js';
import { en } from '../src/text/catalog.js';
import { OAuthSigner } from '../src/twitter/oauth-signer.js';
import { XV2Client } from '../src/twitter/v2-client.js';
import type { XPost } from '../src/twitter/v2-types.js';
import { Browser } from '../test/support/browser.js';
import { DiscordStandIn } from '../test/support/discord-stand-in.js';
import { benchConfig } from './bench-config.js';
import { costBench } from './cost-bench.js';
import { ask, startTsWorker } from './worker-thread.js';

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);
const POSTS = 3200;
const DAY = 86_400_000;
const X_USER = { id: '1456789012345678901', screenName: 'ada' };
const MEMBER = '300000000000000001';
const WARM_USER = { id: '1456789012345678902', screenName: 'warm' };
const WARM_MEMBER = '300000000000000002';
const PROLIFIC_USER = { id: '1456789012345678903', screenName: 'prolific' };
const PROLIFIC_MEMBER = '300000000000000003';

/** The process's resident set (VmRSS) or its peak since the last reset (VmHWM), in MiB, from /proc. */
function vm(field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(field));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** Resets VmHWM to the current RSS, so the peak of one step can be read. */
function resetPeak(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

const mib = (bytes: number) => bytes / 1024 / 1024;
/** Where the process's memory is: RSS, the JavaScript heaps (every thread's), native buffers. */
function memory(): { rss: number; heap: number; external: number } {
  const m = process.memoryUsage();
  return { rss: vm('VmRSS'), heap: mib(m.heapUsed), external: mib(m.external) };
}

/**
 * The bot's own process, as deployed (node dist/main.js): its RSS before, at
 * the peak of and after one cold report of POSTS posts at LATENCY, the first
 * report it makes (render worker started by it), from bench:load with one member.
 */
function botProcessMemory(): string {
  const env = { ...process.env, BENCH_MEMBERS: '1', BENCH_POSTS: String(POSTS), REPORT_MAX_POSTS: String(POSTS) };
  const run = spawnSync('npx', ['tsx', 'bench/load-bench.ts'], { env: { ...env, BENCH_X_LATENCY_MS: String(LATENCY) }, encoding: 'utf8' });
  const lines = run.stdout.split('\n').filter((l) => /^\s+(RSS|resident)/.test(l));
  return [`The bot's own process (node dist/main.js), ${POSTS}-post cold report, from bench:load with one member:`, ...lines].join('\n');
}

function mean(fn: () => void, runs: number): number {
  fn(); // warm-up
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - t) / runs;
}

async function main(): Promise<void> {
  const now = Date.now();
  const worker = startTsWorker('./x-worker.ts', {
    latencyMs: LATENCY,
    posts: POSTS,
    user: X_USER,
    warmUser: WARM_USER,
    prolificUser: PROLIFIC_USER,
    now,
  });
  const x = await new Promise<{ baseUrl: string; consumer: { key: string; secret: string }; posts: XPost[]; mentions: XPost[] }>(
    (resolve) => worker.once('message', resolve),
  );
  const discord = await new DiscordStandIn().start();
  const dir = mkdtempSync(join(tmpdir(), 'xbot-bench-'));
  const { posts, mentions } = x;

  const config = benchConfig(x, discord.apiUrl, dir, { REPORT_MAX_POSTS: String(POSTS) });
  const stores = openSqliteStores(config.databasePath, Date.now);
  const bot = createBot(config, silentLogger, { stores });
  await bot.start();
  // Link through the real flow: the link, X's (auto-approving) consent page, the callback.
  const link = async (member: string) => {
    const { url } = await bot.links.startLink({
      discordUserId: member,
      discordUserName: 'Ada',
      discordUsername: 'ada',
      guildId: null,
      locale: null,
      interactionToken: 't',
    });
    const browser = new Browser(async (path, init) => bot.web.request(path, init), 'https://bot.example.test');
    const toX = (await browser.openLink(new URL(url).pathname)).location!;
    const callback = new URL((await fetch(toX, { redirect: 'manual' })).headers.get('location')!);
    const linked = await browser.get(`${callback.pathname}${callback.search}`);
    if (linked.status !== 200) throw new Error(`linking failed (${linked.status})`);
  };
  await ask(worker, 'approve-as-warm');
  await link(WARM_MEMBER);
  await ask(worker, 'approve-as-prolific');
  await link(PROLIFIC_MEMBER);
  await ask(worker, 'approve-as-user');
  await link(MEMBER);
  warmUpChart(); // for the chart timings below: fonts and rasteriser loaded once, as the render worker does at its start
  await ask(worker, 'latency-on');

  const runReport = async (member = MEMBER) => {
    const request = { discordUserId: member, guildId: null, days: 90, timeZone: 'UTC', locale: null, interactionToken: 'bench' };
    const before = await ask<{ timelinePages: number }>(worker, 'stats');
    const t = performance.now();
    const admission = await bot.reports.admit(request);
    if (!admission.ok) throw new Error(admission.message);
    const message = await bot.reports.run(request, admission.ticket);
    // A report is a Components V2 message with its chart attached; a failure is text alone.
    if (!message.layout?.length || !message.files?.length) throw new Error(`report failed: ${message.content}`);
    const wall = performance.now() - t;
    const run = stores.database.sqlite.prepare('select upstream_requests, posts_read from report_runs order by id desc limit 1').get() as {
      upstream_requests: number;
      posts_read: number;
    };
    const after = await ask<{ timelinePages: number; verified: boolean }>(worker, 'stats');
    if (!after.verified) throw new Error('the X stand-in rejected an OAuth signature');
    const timelinePages = after.timelinePages - before.timelinePages;
    return { wall, requests: run.upstream_requests, postsRead: run.posts_read, timelinePages };
  };

  // A running bot has served reports before: one for another member first, so
  // "cold" means nothing stored for this member, not a freshly started process.
  await runReport(WARM_MEMBER);
  const beforeCold = memory();
  resetPeak();
  const cold = await runReport();
  const coldPeakMiB = vm('VmHWM');
  const afterCold = memory();
  const warm = await runReport();
  const paged = await runReport(PROLIFIC_MEMBER);

  // The floor for any sequential reader: the same 32 pages with nothing else done.
  const bare = new XV2Client({
    apiUrl: x.baseUrl,
    signer: new OAuthSigner(x.consumer),
    token: bot.links.credentials((await bot.links.account(MEMBER))!),
    usage: { requests: 0, postsRead: 0, postsRepeated: 0, userReads: 0 },
  });
  const bareStart = performance.now();
  let token: string | undefined;
  do {
    token = (await bare.userPosts(X_USER.id, { startTime: new Date(now - 90 * DAY).toISOString(), paginationToken: token })).meta
      ?.next_token;
  } while (token);
  const bareMs = performance.now() - bareStart;

  const period = { start: now - 90 * DAY, end: now, days: 90 };
  const input = {
    profile: { id: X_USER.id, name: 'Ada', username: 'ada' },
    // As the store gives them back (the conversion happens once, when a page is stored).
    posts: posts.map(toStoredPost),
    mentions: mentions.map(toStoredPost),
    previousPosts: null,
    period,
    timeZone: 'Europe/Berlin',
    read: { posts: { storedFrom: period.start, cut: null }, mentions: { storedFrom: period.start, cut: null } },
    limits: { maxPosts: 3200, postMicroUsd: 5_000, periods: [7, 30, 90] },
    audience: 'private' as const,
  };
  const summariseMs = mean(
    () =>
      reportLayout(en, summarise(input), {
        showPrivate: true,
        chartFile: CHART_FILE,
        footer: { dataAsOf: now, usage: { postsRead: 0, postsRepeated: 0, userReads: 0, requests: 0 }, costMicroUsd: 0 },
        controls: null,
      }),
    50,
  );
  const summaryUtcMs = mean(() => summarise({ ...input, timeZone: 'UTC' }), 50);
  const days = summarise(input).activity.days;
  const chartMs = mean(() => renderChart(days, en.report.chart('UTC')), 20);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;

  // The target counts the pages a sequential read needs; slices may take a few more, partial, requests.
  const pages = Math.ceil(POSTS / 100);
  const target = 1.15 * pages * LATENCY;
  const rows: Array<[string, string, string]> = [
    ['cold report wall time', `${cold.wall.toFixed(0)} ms`, `≤ ${target.toFixed(0)} ms (1.15 × ${pages} pages × ${LATENCY} ms)`],
    [
      'cold report, page by page',
      `${paged.wall.toFixed(0)} ms`,
      `same timeline, lifetime posts above REPORT_MAX_POSTS: ${paged.timelinePages} sequential pages`,
    ],
    [
      `bare ${bare.usage.requests} sequential pages, no report`,
      `${bareMs.toFixed(0)} ms`,
      `${(bareMs / (bare.usage.requests * LATENCY)).toFixed(2)} × pages × latency: HTTP cost per page here`,
    ],
    ['cold upstream requests', String(cold.requests), `${cold.timelinePages} for the timeline, in parallel time slices`],
    ['cold posts read', String(cold.postsRead), `${POSTS} timeline + ${mentions.length} mentions`],
    ['warm repeat wall time', `${warm.wall.toFixed(0)} ms`, ''],
    ['warm repeat upstream requests', String(warm.requests), 'one since_id page each for posts and mentions'],
    ['warm repeat posts read', String(warm.postsRead), ''],
    [`summarise + layout, ${POSTS} posts (Europe/Berlin)`, `${summariseMs.toFixed(2)} ms`, '< 20 ms'],
    [`summarise, ${POSTS} posts (UTC)`, `${summaryUtcMs.toFixed(2)} ms`, '< 20 ms'],
    ['chart render (91 days)', `${chartMs.toFixed(1)} ms`, '< 250 ms'],
    [
      'RSS of this bench process, cold report',
      `${coldPeakMiB.toFixed(0)} MiB`,
      `peak (the bot, the X stand-in's thread with its posts, tsx): before ${beforeCold.rss.toFixed(0)} MiB, after ${afterCold.rss.toFixed(0)} MiB (main heap ${afterCold.heap.toFixed(0)} MiB, external ${afterCold.external.toFixed(0)} MiB)`,
    ],
    ['peak RSS of the whole bench', `${peakRssMiB.toFixed(0)} MiB`, 'with the X stand-in thread and the timing loops above'],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\n/report benchmark (X stand-in in its own thread, ${LATENCY} ms latency per request, ${POSTS}-post timeline)\n\n`);
  for (const [name, value, note] of rows) process.stdout.write(`${name.padEnd(width)}  ${value.padStart(9)}  ${note}\n`);

  await bot.close();
  await worker.terminate();
  await discord.stop();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\n${botProcessMemory()}\n`);
  process.stdout.write(`\n${await costBench()}\n`);
}

await main();
