// Black-box, on PostgreSQL: three replicas of the built bot share one
// database, and every request goes to the next replica in turn, as a
// round-robin load balancer would send them. Linking, reporting and
// unlinking work across them; the rules that need one view of the world
// (one report per member, a replayed interaction refused) hold across them;
// and a replica killed mid-report has its report finished by another.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { XStandIn } from '../../src/local-x/x-stand-in.js';
import { type BotProcess, standInEnv, startBotProcess } from '../support/bot-process.js';
import { Browser } from '../support/browser.js';
import { commandPayload, DiscordSigner } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';
import { eventually } from '../support/harness.js';
import { seen } from '../support/layout-text.js';
import { freshPostgresDatabase, testPostgresUrl } from '../support/test-engine.js';

const X_USER = { id: '1456789012345678901', screenName: 'ada' };
const MEMBER = '300000000000000001';
const signer = new DiscordSigner();
let x: XStandIn;
let discord: DiscordStandIn;
let dir: string;
let database: { url: string; drop(): Promise<void> };
let env: Record<string, string>;
let replicas: Replica[] = [];
let turn = 0;
/** The next replica in turn, as a round-robin balancer picks it. */
const next = () => {
  const alive = replicas.filter((r) => r.alive);
  return alive[turn++ % alive.length]!;
};

type Replica = BotProcess & { alive: boolean };

describe.skipIf(!testPostgresUrl)('three replicas on one PostgreSQL', () => {
  beforeAll(async () => {
    x = await new XStandIn().start();
    discord = await new DiscordStandIn().start();
    dir = mkdtempSync(join(tmpdir(), 'xbot-scale-'));
    database = await freshPostgresDatabase(testPostgresUrl!);
    env = {
      ...standInEnv(x, discord, signer, dir),
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      REPORT_LEASE_SECONDS: '2',
      REPORT_COOLDOWN_SECONDS: '0',
    };
    serveTimeline(x, {
      profile: { id: X_USER.id, name: 'Ada', username: 'ada' },
      posts: syntheticTimeline(300, Date.now() - 60_000, 90),
      mentions: [],
    });
    // All three start at once: the migrations run once, under the advisory lock, while the others wait for it.
    replicas = await Promise.all([0, 1, 2].map(async () => Object.assign(await startBotProcess(env, dir), { alive: true })));
  }, 60_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await x?.stop();
    await discord?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function interact(replica: BotProcess, payload: unknown): Promise<{ status: number; type?: number; data?: any }> {
    const body = JSON.stringify(payload);
    const res = await fetch(`${replica.base}/interactions`, { method: 'POST', body, headers: signer.headers(body) });
    return res.status === 200 ? { status: 200, ...((await res.json()) as object) } : { status: res.status };
  }
  const editsFor = (token: string) =>
    discord
      .edits()
      .filter((e) => e.path.includes(token))
      .map((e) => seen(DiscordStandIn.payload(e)));
  /** What the member reads in answer: the first response, or what a deferred one was edited into. */
  async function answerOf(replica: BotProcess, payload: { token: string }): Promise<{ type?: number; text: string }> {
    const first = await interact(replica, payload);
    if (first.type !== 5) return { type: first.type, text: first.data?.content ?? '' };
    const edit = await eventually(() => editsFor(payload.token)[0]);
    return { type: 5, text: edit.content ?? edit.text };
  }

  it('links a member across three replicas: the command on one, the link page on a second, the X callback on a third', async () => {
    x.autoApproveAs = X_USER;
    const [first, second, third] = replicas as [Replica, Replica, Replica];
    const payload = commandPayload({ name: 'link-twitter', member: { id: MEMBER } });
    const reply = await interact(first, payload);
    const link = new URL(reply.data.components[0].components[0].url).pathname;
    // One browser (one cookie jar) whose requests each reach the next replica.
    const served: string[] = [];
    const member = new Browser(async (path, init) => {
      const replica = path.startsWith('/twitter/callback') ? third : second;
      served.push(`${replica.pid} ${path.split('?')[0]}`);
      return fetch(`${replica.base}${path}`, init);
    }, env.PUBLIC_URL!);
    const consent = (await member.openLink(link)).location!;
    const callback = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    const done = await member.get(`${callback.pathname}${callback.search}`);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('@ada');
    expect(new Set(served.map((s) => s.split(' ')[0])).size).toBe(2);
    // The reply to /link-twitter on the first replica was edited by the third, which finished the link.
    const edited = await eventually(() => editsFor(payload.token).find((e) => e.content?.includes('ada')));
    expect(edited.content).toContain('ada');
  });

  it('makes a report admitted on one replica, delivered by whichever claimed it', async () => {
    const payload = commandPayload({ name: 'report', member: { id: MEMBER } });
    expect((await interact(next(), payload)).type).toBe(5);
    const report = await eventually(() => editsFor(payload.token).find((e) => e.report));
    expect(report.report).toBe(true);
  });

  it('refuses a replayed interaction on another replica, and runs one report per member across replicas', async () => {
    const release = x.hold(/\/tweets$/);
    const payload = commandPayload({ name: 'report', member: { id: MEMBER } });
    const [a, b, c] = replicas as [Replica, Replica, Replica];
    const before = x.requestsTo(/\/tweets$/).length;
    expect((await interact(a, payload)).type).toBe(5);
    // The same signed request again, at another replica: refused, never run twice.
    expect((await interact(b, payload)).status).toBe(409);
    // A second /report while the first runs (admitted, it reached X), at a third replica: busy, said privately.
    await eventually(() => x.requestsTo(/\/tweets$/).length > before);
    const second = await answerOf(c, commandPayload({ name: 'report', member: { id: MEMBER } }));
    release();
    expect(second.text).toContain('still being made');
    await eventually(() => editsFor(payload.token).find((e) => e.report));
  });

  it('finishes on another replica a report whose replica was killed mid-way', async () => {
    const release = x.hold(/\/tweets$/);
    const payload = commandPayload({ name: 'report', member: { id: MEMBER } });
    const admitting = next();
    expect((await interact(admitting, payload)).type).toBe(5);
    const before = x.requestsTo(/\/tweets$/).length;
    // The report reached X: which replica claimed it is the one whose request is held.
    await eventually(() => x.requestsTo(/\/tweets$/).length > before);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query<{ claimed_by: string }>('select claimed_by from report_runs order by id desc limit 1');
    const claimant = replicas.find((r) => r.records().some((rec) => rec.replica === rows[0]?.claimed_by)) ?? admitting;
    await claimant.kill9();
    claimant.alive = false;
    release();
    const report = await eventually(() => editsFor(payload.token).find((e) => e.report), 4000);
    expect(report.report).toBe(true);
    const run = await db.query('select outcome, claimed_by from report_runs order by id desc limit 1');
    expect(run.rows[0]).toMatchObject({ outcome: 'ok' });
    expect(run.rows[0].claimed_by).not.toBe(rows[0]?.claimed_by);
    await db.end();
  });

  it('unlinks on one replica, and every other replica knows at once', async () => {
    const unlink = await interact(next(), commandPayload({ name: 'unlink-twitter', member: { id: MEMBER } }));
    expect(unlink.status).toBe(200);
    await eventually(() => x.accessTokens.size === 0);
    for (const replica of replicas.filter((r) => r.alive)) {
      const refused = await answerOf(replica, commandPayload({ name: 'report', member: { id: MEMBER } }));
      expect(refused.text).toContain('/link-twitter');
    }
  });
});
