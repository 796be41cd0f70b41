// A simulated X member whose timeline lives: posts and mentions keep arriving
// at a steady daily rate, and each post gains likes, reposts and views as it
// ages (most in its first day or two, a little forever after). Seeded, so
// every run sees the same member.

import type { XPost } from '../twitter/v2-types.js';
import { mention, post } from './posts.js';
import type { TimelineData } from './timeline-routes.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Living {
  post: XPost;
  at: number;
  /** How many likes this post tends towards. */
  appeal: number;
}

export interface MemberSpec {
  id: string;
  username: string;
  /** Activity begins here (epoch ms) and is generated up to `until`. */
  from: number;
  until: number;
  postsPerDay: number;
  mentionsPerDay: number;
  seed?: number;
  /** Display name; the username when not given. */
  name?: string;
  /** What the posts say, taken in turn; "post at <time>" when not given. */
  topics?: Array<{ text: string; hashtags?: string[]; urls?: string[] }>;
}

export class SimulatedMember {
  readonly data: TimelineData;
  private readonly posts: Living[] = [];
  private readonly mentions: Living[] = [];

  constructor(spec: MemberSpec) {
    const random = seeded(spec.seed ?? 1);
    const kinds = ['original', 'original', 'original', 'reply', 'quote'] as const;
    const at = (day: number) => Math.floor((spec.from + day * DAY + random() * DAY) / 1000) * 1000;
    for (let day = 0; spec.from + day * DAY < spec.until; day++) {
      const postTimes = Array.from({ length: spec.postsPerDay }, () => at(day)).sort((a, b) => a - b);
      for (const t of postTimes) {
        const kind = kinds[Math.floor(random() * kinds.length)] ?? 'original';
        const topic = spec.topics?.[this.posts.length % spec.topics.length];
        this.posts.push({ post: post({ at: new Date(t).toISOString(), kind, ...topic }), at: t, appeal: Math.floor(random() * 200) });
      }
      const mentionTimes = Array.from({ length: spec.mentionsPerDay }, () => at(day)).sort((a, b) => a - b);
      for (const t of mentionTimes) this.mentions.push({ post: mention(new Date(t).toISOString(), '555'), at: t, appeal: 0 });
    }
    this.data = { profile: { id: spec.id, name: spec.name ?? spec.username, username: spec.username }, posts: [], mentions: [] };
  }

  /** What X shows at `now`: everything made so far, newest first, with the metrics of that moment. */
  advanceTo(now: number): void {
    const visible = this.posts.filter((p) => p.at <= now);
    for (const p of visible) p.post.public_metrics = metricsAt(p, now);
    this.data.posts = visible.map((p) => p.post).reverse();
    this.data.mentions = this.mentions
      .filter((m) => m.at <= now)
      .map((m) => m.post)
      .reverse();
    this.data.profile = {
      ...this.data.profile,
      public_metrics: {
        followers_count: 1000 + Math.floor((now - (this.posts[0]?.at ?? now)) / DAY),
        following_count: 300,
        tweet_count: visible.length,
      },
    };
  }

  /** Posts made from `from` to `to`, as X would show them at `to`. */
  postsBetween(from: number, to: number): XPost[] {
    return this.posts.filter((p) => p.at >= from && p.at <= to).map((p) => ({ ...p.post, public_metrics: metricsAt(p, to) }));
  }

  /**
   * Every post made by `now` with the metrics a bot that reads often keeps:
   * read again until `horizonMs` old, then as of that last read.
   */
  postsAsStored(now: number, horizonMs: number): XPost[] {
    return this.posts
      .filter((p) => p.at <= now)
      .map((p) => ({ ...p.post, public_metrics: metricsAt(p, Math.min(now, p.at + horizonMs)) }))
      .reverse();
  }

  mentionsBetween(from: number, to: number): XPost[] {
    return this.mentions.filter((m) => m.at >= from && m.at <= to).map((m) => m.post);
  }
}

/** Engagement arrives mostly in a post's first day or two, and a trickle after. */
function metricsAt(p: Living, now: number): NonNullable<XPost['public_metrics']> {
  const hours = Math.max(0, (now - p.at) / HOUR);
  const likes = Math.floor(p.appeal * (1 - Math.exp(-hours / 12)) + hours / 48);
  return {
    like_count: likes,
    retweet_count: Math.floor(likes / 10),
    reply_count: Math.floor(likes / 20),
    quote_count: Math.floor(likes / 50),
    bookmark_count: Math.floor(likes / 25),
    impression_count: likes * 30 + Math.floor(hours),
  };
}
