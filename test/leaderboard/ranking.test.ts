// The board against an independent computation on generated timelines: each
// member's figure summed here from the raw posts with its own loop, places
// counted as 1 + how many did strictly better. Ties, members with no posts,
// members with nothing stored for the period and the caller outside the top.

import { describe, expect, it } from 'vitest';
import { type BoardPeriod, figureFor, type StoredTimeline } from '../../src/leaderboard/figures.js';
import { BOARD_METRICS, type BoardMetric, rankBoard } from '../../src/leaderboard/ranking.js';
import type { PostKind, StoredPost } from '../../src/report/stored-post.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T10:00:00Z');

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

function post(rand: () => number, at: number, i: number): StoredPost {
  const kinds: PostKind[] = ['original', 'reply', 'quote', 'repost'];
  const small = () => Math.floor(rand() * 4); // small numbers: ties are common
  return {
    id: String(1_000_000 + i),
    createdAt: at,
    kind: kinds[Math.floor(rand() * 4)] as PostKind,
    repliedTo: null,
    authorId: null,
    text: '',
    likes: small(),
    reposts: small(),
    replies: small(),
    quotes: small(),
    bookmarks: small(),
    impressions: rand() < 0.2 ? null : small() * 10,
    privateMetrics: null,
    hashtags: [],
    mentions: [],
    domains: [],
    hasMedia: false,
  };
}

interface Generated {
  id: string;
  name: string;
  timeline: StoredTimeline;
}

function generate(seed: number, days: number): Generated[] {
  const rand = prng(seed);
  const members: Generated[] = [];
  const n = 3 + Math.floor(rand() * 20);
  for (let m = 0; m < n; m++) {
    const kind = rand();
    // Some members have no posts at all; some have nothing stored of the period (read never, or only lately).
    const count = kind < 0.15 ? 0 : Math.floor(rand() * 12);
    const coveredFrom = kind > 0.9 ? NOW - DAY : NOW - 2 * days * DAY - DAY;
    const posts = Array.from({ length: count }, (_, i) => post(rand, NOW - Math.floor(rand() * 2 * days * DAY), m * 100 + i));
    const followers =
      kind > 0.8
        ? []
        : [
            { day: '2026-10-01', followers: Math.floor(rand() * 5) },
            { day: '2026-11-24', followers: Math.floor(rand() * 5) },
          ];
    members.push({
      id: `9000${m}`,
      name: `m${Math.floor(rand() * 5)}`, // names repeat too: ties fall back to the member id
      timeline: { posts, spans: [{ from: coveredFrom, to: NOW, cutReason: null }], followers },
    });
  }
  return members;
}

/** Written apart from figures.ts: a plain loop per metric. */
function expected(metric: BoardMetric, g: Generated, period: BoardPeriod): number | null {
  const t = g.timeline;
  if (metric === 'followers') {
    const before = t.followers.filter((f) => f.day <= '2026-11-24');
    return before.length ? (before[before.length - 1]?.followers ?? null) : null;
  }
  if (!(t.spans[0] && t.spans[0].from <= period.start)) return null;
  let total = 0;
  for (const p of t.posts) {
    if (p.kind === 'repost') continue;
    if (p.createdAt < period.start || p.createdAt > period.end) continue;
    if (metric === 'posts') total += 1;
    if (metric === 'engagement') total += p.likes + p.reposts + p.replies + p.quotes + p.bookmarks;
    if (metric === 'impressions') total += p.impressions ?? 0;
  }
  return total;
}

describe('rankBoard over generated timelines', () => {
  for (const days of [7, 30]) {
    for (const metric of BOARD_METRICS) {
      it(`matches an independent count: ${metric}, ${days} days, 40 servers`, () => {
        const period = { start: NOW - days * DAY, previousStart: NOW - 2 * days * DAY, end: NOW };
        for (let seed = 1; seed <= 40; seed++) {
          const members = generate(seed * 31 + days, days);
          const caller = members[Math.floor(members.length / 2)]!.id;
          const board = rankBoard(
            members.map((g) => ({ discordUserId: g.id, screenName: g.name, ...figureFor(metric, g.timeline, period) })),
            caller,
          );
          const values = members.map((g) => ({ g, v: expected(metric, g, period) }));
          const known = values.filter((x) => x.v !== null) as Array<{ g: Generated; v: number }>;
          const placeOf = (v: number) => 1 + known.filter((x) => x.v > v).length;
          expect(board.ranked).toBe(known.length);
          expect(board.unranked).toBe(members.length - known.length);
          const order = [...known].sort((a, b) => b.v - a.v || a.g.name.localeCompare(b.g.name) || a.g.id.localeCompare(b.g.id));
          expect(board.top.map((r) => [r.discordUserId, r.value, r.place])).toEqual(
            order.slice(0, 10).map((x) => [x.g.id, x.v, placeOf(x.v)]),
          );
          const mine = known.find((x) => x.g.id === caller);
          expect(board.caller === null ? null : [board.caller.value, board.caller.place]).toEqual(mine ? [mine.v, placeOf(mine.v)] : null);
        }
      });
    }
  }

  it('gives tied members one place and the next a gap ("1, 2, 2, 4"), and a zero-post member a place of zero', () => {
    const f = (id: string, value: number | null) => ({ discordUserId: id, screenName: id, value, previous: null });
    const board = rankBoard([f('a', 9), f('b', 5), f('c', 5), f('d', 0), f('e', null)], 'e');
    expect(board.top.map((r) => `${r.discordUserId}${r.place}`)).toEqual(['a1', 'b2', 'c2', 'd4']);
    expect(board.caller).toBeNull();
    expect(board.unranked).toBe(1);
  });

  it('measures the change against the period before, only where that is stored', () => {
    const period = { start: NOW - 7 * DAY, previousStart: NOW - 14 * DAY, end: NOW };
    const base = post(prng(1), 0, 1);
    const mk = (at: number, likes: number): StoredPost => ({
      ...base,
      kind: 'original',
      createdAt: at,
      likes,
      reposts: 0,
      replies: 0,
      quotes: 0,
      bookmarks: 0,
    });
    const posts = [mk(NOW - DAY, 10), mk(NOW - 10 * DAY, 4)];
    const whole = { posts, spans: [{ from: NOW - 15 * DAY, to: NOW, cutReason: null }], followers: [] };
    expect(figureFor('engagement', whole, period)).toEqual({ value: 10, previous: 4 });
    const recent = { ...whole, spans: [{ from: NOW - 8 * DAY, to: NOW, cutReason: null }] };
    expect(figureFor('engagement', recent, period)).toEqual({ value: 10, previous: null });
    const gap = {
      ...whole,
      spans: [
        { from: NOW - 15 * DAY, to: NOW - 3 * DAY, cutReason: null },
        { from: NOW - 2 * DAY, to: NOW, cutReason: null },
      ],
    };
    expect(figureFor('engagement', gap, period).value).toBeNull();
  });
});
