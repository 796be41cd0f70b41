// A burst of /report against a gated X: X answers in waves, everything
// waiting at once, so many pages arrive together. Reports admitted first get
// X's pages and the CPU first, and are delivered first; the bot never holds
// more pages in memory (read and not yet stored) than REPORT_PAGES_IN_FLIGHT.
// Pages held are counted here, from the bodies the bot reads and the pages it
// stores, not by the bot's own gates. Nothing here depends on how fast the
// machine is: X moves only when the test lets it.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpGet } from '../../src/http/http-get.js';
import { nodeHttpGet } from '../../src/http/node-http-get.js';
import type { RecordedRequest } from '../../src/local-x/http-stand-in.js';
import { syntheticTimeline } from '../../src/local-x/posts.js';
import { serveTimeline } from '../../src/local-x/timeline-routes.js';
import { PageGate } from '../../src/report/lanes/page-gate.js';
import { PgPostStore } from '../../src/storage/postgres/post-store.js';
import { SqlitePostStore } from '../../src/storage/sqlite/post-store.js';
import { commandPayload } from '../support/discord-payloads.js';
import { eventually, type Harness, linkAccount, startHarness } from '../support/harness.js';
import { hasPosts } from '../support/x-pages.js';

const MEMBERS = 12;
/** What one report asks of X: the member's profile, a page of mentions (none) and five of posts. */
const REQUESTS_EACH = 7;
/** The smallest the configuration allows. */
const PAGES_HELD = 2;
/** Requests that may wait on X at once: four per page held, as the defaults (256 and 1,024), and fewer than the members. */
const REQUESTS_WAITING = 4 * PAGES_HELD;
let h: Harness;

afterEach(async () => {
  vi.restoreAllMocks();
  await h.close();
});

/**
 * Counts pages of posts the bot has read (body begun) and not yet stored. A
 * page with no posts (a member nobody mentions) is never stored: the bot has
 * nothing to keep once it has read its body, so it stops being held there.
 * Also counts X's answers (profiles too) whose body the bot has not read to
 * the end: a round of X's answers is taken in when both are 0. The bot asks
 * X through the returned `get` (the real node:http one, watched).
 */
function countPagesHeld() {
  const counts = { held: 0, most: 0, read: 0, unread: 0 };
  const get: HttpGet = async (url, headers, options) => {
    const page = /\/(tweets|mentions)\?/.test(url);
    let answered = false;
    let reading = false;
    try {
      const answer = await nodeHttpGet(url, headers, {
        ...options,
        beforeBody: async (head, signal) => {
          answered = true;
          counts.unread++;
          await options.beforeBody?.(head, signal);
          // The body is read from here on.
          if (!page || !head.ok) return;
          reading = true;
          counts.read++;
          counts.most = Math.max(counts.most, ++counts.held);
        },
      });
      if (reading && !hasPosts(answer.text)) counts.held--;
      return answer;
    } finally {
      if (answered) counts.unread--;
    }
  };
  const stored = <T>(result: T) => {
    counts.held--;
    return result;
  };
  const sqliteSave = SqlitePostStore.prototype.savePosts;
  vi.spyOn(SqlitePostStore.prototype, 'savePosts').mockImplementation(function (this: SqlitePostStore, ...args) {
    return stored(sqliteSave.apply(this, args));
  });
  const pgSave = PgPostStore.prototype.savePosts;
  vi.spyOn(PgPostStore.prototype, 'savePosts').mockImplementation(async function (this: PgPostStore, ...args) {
    return stored(await pgSave.apply(this, args));
  });
  return { counts, get };
}

/**
 * The gates in which reports keep their places when they start (see PageGate.reserve): a report holding room
 * and not yet asking X is on its way to a request (its token opened, the store looked at), however long the
 * database takes, and X's next wave waits for it.
 */
function gatesWithPlaces() {
  const gates = new Set<PageGate>();
  const reserve = PageGate.prototype.reserve;
  vi.spyOn(PageGate.prototype, 'reserve').mockImplementation(function (this: PageGate, ...args) {
    gates.add(this);
    reserve.apply(this, args);
  });
  return { onTheirWay: () => [...gates].reduce((n, gate) => n + gate.keptForFirstAsk, 0) };
}

/** X holds every v2 request until the test answers a wave: all those waiting, in the order they came. */
function gateX(harness: Harness) {
  const waiting: Array<{ go: () => void }> = [];
  (harness.x as unknown as { slow: () => Promise<void> }).slow = () => new Promise<void>((go) => waiting.push({ go }));
  return {
    waiting,
    answerWave(): number {
      const wave = waiting.splice(0);
      for (const w of wave) w.go();
      return wave.length;
    },
  };
}

const memberOf = (req: RecordedRequest) => /oauth_token="(\d+)-/.exec(req.headers.authorization ?? '')?.[1];

describe('/report in a burst, against an X that answers in waves', () => {
  it('delivers reports in admission order, the first after about as many waves as one alone, holding at most REPORT_PAGES_IN_FLIGHT pages', {
    timeout: 60_000,
  }, async () => {
    const { counts, get } = countPagesHeld();
    h = await startHarness({
      xGet: get,
      // Few requests may wait on X, so reports compete for them and the order they are served in shows.
      env: {
        REPORT_PAGES_IN_FLIGHT: String(PAGES_HELD),
        REPORT_REQUESTS_IN_FLIGHT: String(REQUESTS_WAITING),
        REPORT_COOLDOWN_SECONDS: '0',
      },
    });
    const users = Array.from({ length: MEMBERS }, (_, i) => ({
      x: { id: String(1456789012345678901n + BigInt(i)), screenName: `member${i}` },
      discordId: String(300000000000000001n + BigInt(i)),
    }));
    for (const u of users) {
      // 450 posts in 90 days: five pages, read one after another (no lifetime count, so no slices).
      serveTimeline(h.x, {
        profile: { id: u.x.id, name: u.x.screenName, username: u.x.screenName },
        posts: syntheticTimeline(450, h.clock.now - 60_000, 85),
        mentions: [],
      });
      await linkAccount(h, u.discordId, u.x);
    }
    const places = gatesWithPlaces();
    const x = gateX(h);
    const payloads = users.map((u) =>
      commandPayload({ name: 'report', member: { id: u.discordId }, options: [{ name: 'days', type: 4, value: 90 }] }),
    );
    // Admitted in this order: each /report's admission (which follows its ack) before the next is sent.
    for (const [i, p] of payloads.entries()) {
      expect(((await (await h.interact(p)).json()) as { type: number }).type).toBe(5);
      await eventually(async () => (await h.one('select count(*) as n from report_runs'))?.n === i + 1);
    }

    const deliveredTo = (p: (typeof payloads)[number]) =>
      h.discord.edits().some((e) => e.path.includes(p.token) && e.raw.includes('attachment://'));
    const delivered = () => payloads.filter(deliveredTo).length;
    let waves = 0;
    /** The wave in which each member's last request so far was answered. */
    const lastWave = new Map<string, number>();
    /** Each member's requests answered so far. */
    const answeredOf = new Map<string, number>();
    let answered = 0;
    while (delivered() < MEMBERS) {
      // Let the bot take in every answer of the last wave (read, store, ask again) before X answers the next.
      await eventually(async () => {
        const before = x.waiting.length;
        for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
        const still = x.waiting.length === before && counts.unread === 0 && counts.held === 0 && places.onTheirWay() === 0;
        return still && (x.waiting.length > 0 || delivered() === MEMBERS);
      }, 20_000);
      // A report whose reading is over is delivered without waiting for X to answer anyone else: in admission
      // order, as far as reading ends in order (below), whatever the time rendering takes.
      await eventually(() => users.every((u, i) => answeredOf.get(u.x.id) !== REQUESTS_EACH || deliveredTo(payloads[i]!)), 20_000);
      if (x.waiting.length === 0) continue;
      waves++;
      // Every v2 request that has arrived is held until now: this wave answers all those not answered yet.
      for (const r of h.x.v2Requests().slice(answered)) {
        const member = memberOf(r) ?? '';
        lastWave.set(member, waves);
        answeredOf.set(member, (answeredOf.get(member) ?? 0) + 1);
      }
      answered = h.x.v2Requests().length;
      x.answerWave();
    }
    // Each made the requests one report alone makes, no more.
    expect(users.map((u) => answeredOf.get(u.x.id))).toEqual(users.map(() => REQUESTS_EACH));
    // First come, first served: each report's reading ends no later than that of any report admitted after it ...
    const readEnds = users.map((u) => lastWave.get(u.x.id) ?? Number.NaN);
    expect(readEnds).toEqual([...readEnds].sort((a, b) => a - b));
    // ... the first's after as many waves as one report alone needs (a profile read and 5 pages, one after another) ...
    expect(readEnds[0]).toBeLessThanOrEqual(6);
    expect(readEnds[MEMBERS - 1]).toBeGreaterThan(readEnds[0]! + 3);
    // Memory: never more pages read and not yet stored than the bound, though X answered many at once.
    expect(counts.read).toBeGreaterThanOrEqual(MEMBERS * 6);
    expect(counts.most).toBeLessThanOrEqual(PAGES_HELD);
    expect(counts.held).toBe(0);
    // Every request was answered by its own member's token.
    expect(new Set(h.x.v2Requests().map(memberOf)).size).toBe(MEMBERS);
  });
});
