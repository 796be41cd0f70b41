// A simulated X member whose timeline lives: posts and mentions keep arriving
// at a steady daily rate, and each post gains likes, reposts and views as it
// ages (most in its first day or two, a little forever after). Seeded, so
// every run sees the same member.

import type { XPost } from '../twitter/v2-types.js';
import { mentionText, postTexts, replyText } from './post-texts.js';
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
  /** How many views it tends towards. */
  reach: number;
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
  /** What the posts say, taken in turn; "post at <time>" when not given (nor `lifelike`). */
  topics?: Array<{ text: string; hashtags?: string[]; urls?: string[] }>;
  /**
   * A member as people are: fewer posts at weekends and at night, distinct
   * texts, a few posts that go viral, reposts, and replies that answer
   * mentions (postsPerDay counts them). Otherwise posts fall evenly.
   */
  lifelike?: boolean;
}

/** Posts per weekday (Sunday first) against the member's average: busier in the week, quieter at weekends. */
const WEEKDAY_RHYTHM = [0.55, 1.15, 1.2, 1.15, 1.1, 1.05, 0.8];
/** Weights of each UTC hour for a lifelike member: awake from about 7 to 23. */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 1, 3, 5, 6, 6, 5, 6, 6, 5, 5, 6, 7, 8, 8, 7, 5, 3, 2];
/** Share of mentions a lifelike member answers. */
const ANSWERED = 0.55;
const FANS = ['555', '556', '557', '558', '559', '560'];

export class SimulatedMember {
  readonly data: TimelineData;
  private readonly posts: Living[] = [];
  private readonly mentions: Living[] = [];

  constructor(spec: MemberSpec) {
    const random = seeded(spec.seed ?? 1);
    if (spec.lifelike) this.lifelike(spec, random);
    else this.even(spec, random);
    this.posts.sort((a, b) => a.at - b.at);
    this.data = { profile: { id: spec.id, name: spec.name ?? spec.username, username: spec.username }, posts: [], mentions: [] };
  }

  /** Posts at random times spread evenly over each day. */
  private even(spec: MemberSpec, random: () => number): void {
    const kinds = ['original', 'original', 'original', 'reply', 'quote'] as const;
    const at = (day: number) => Math.floor((spec.from + day * DAY + random() * DAY) / 1000) * 1000;
    for (let day = 0; spec.from + day * DAY < spec.until; day++) {
      const postTimes = Array.from({ length: spec.postsPerDay }, () => at(day)).sort((a, b) => a - b);
      for (const t of postTimes) {
        const kind = kinds[Math.floor(random() * kinds.length)] ?? 'original';
        const topic = spec.topics?.[this.posts.length % spec.topics.length];
        const appeal = Math.floor(random() * 200);
        this.posts.push({ post: post({ at: new Date(t).toISOString(), kind, ...topic }), at: t, appeal, reach: appeal * 30 });
      }
      const mentionTimes = Array.from({ length: spec.mentionsPerDay }, () => at(day)).sort((a, b) => a - b);
      for (const t of mentionTimes) this.mentions.push({ post: mention(new Date(t).toISOString(), '555'), at: t, appeal: 0, reach: 0 });
    }
  }

  private lifelike(spec: MemberSpec, random: () => number): void {
    const text = postTexts(random);
    const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    // A moment in a day, more often when the member is awake.
    const timeIn = (dayStart: number) => {
      let pick = random() * hourTotal;
      let hour = 0;
      while (hour < 23 && pick >= (HOUR_WEIGHTS[hour] ?? 0)) pick -= HOUR_WEIGHTS[hour++] ?? 0;
      return Math.floor((dayStart + hour * HOUR + random() * HOUR) / 1000) * 1000;
    };
    const organic = Math.max(0, spec.postsPerDay - ANSWERED * spec.mentionsPerDay);
    const kinds = ['original', 'original', 'original', 'original', 'original', 'original', 'reply', 'reply', 'quote', 'repost'] as const;
    for (let day = 0; spec.from + day * DAY < spec.until; day++) {
      const dayStart = spec.from + day * DAY;
      const rhythm = WEEKDAY_RHYTHM[new Date(dayStart).getUTCDay()] ?? 1;
      const count = Math.round(organic * rhythm * (0.85 + 0.3 * random()));
      for (let i = 0; i < count; i++) {
        const t = timeIn(dayStart);
        const kind = kinds[Math.floor(random() * kinds.length)] ?? 'original';
        this.posts.push({ post: post({ at: iso(t), kind, ...text(), media: random() < 0.2 }), at: t, ...appealOf(random) });
      }
      const mentions = Math.round(spec.mentionsPerDay * rhythm * (0.8 + 0.4 * random()));
      for (let i = 0; i < mentions; i++) {
        const t = timeIn(dayStart);
        const fan = FANS[Math.floor(random() * FANS.length)] ?? '555';
        const m = mention(iso(t), fan, mentionText(random, spec.username));
        this.mentions.push({ post: m, at: t, appeal: 0, reach: 0 });
        if (random() >= ANSWERED) continue;
        // Most answers come within a couple of hours, some the next day.
        const reply = t + Math.floor((-Math.log(1 - random()) * 100 * 60_000) / 1000) * 1000 + 60_000;
        const answer = post({ at: iso(reply), kind: 'reply', refId: m.id, inReplyToUserId: fan, text: `@fan${fan} ${replyText(random)}` });
        this.posts.push({ post: answer, at: reply, ...appealOf(random, 0.2) });
      }
    }
    this.mentions.sort((a, b) => a.at - b.at);
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

const iso = (ms: number) => new Date(ms).toISOString();

/** Most posts earn a little, some more, and about one in seventy goes viral. */
function appealOf(random: () => number, scale = 1): { appeal: number; reach: number } {
  const viral = random() < 0.015 ? 8 + random() * 25 : 1;
  const appeal = Math.floor((3 + random() ** 2 * 120) * viral * scale);
  return { appeal, reach: Math.floor(appeal * (15 + random() * 45) + 80) };
}

/** Engagement arrives mostly in a post's first day or two, and a trickle after. */
function metricsAt(p: Living, now: number): NonNullable<XPost['public_metrics']> {
  const hours = Math.max(0, (now - p.at) / HOUR);
  if (p.post.referenced_tweets?.[0]?.type === 'retweeted') {
    // A repost shows the reposted post's counts: someone else's, which a report leaves out.
    return { like_count: 500, retweet_count: 40, reply_count: 12, quote_count: 3, bookmark_count: 9, impression_count: 30_000 };
  }
  const likes = Math.floor(p.appeal * (1 - Math.exp(-hours / 12)) + hours / 48);
  return {
    like_count: likes,
    retweet_count: Math.floor(likes / 10),
    reply_count: Math.floor(likes / 20),
    quote_count: Math.floor(likes / 50),
    bookmark_count: Math.floor(likes / 25),
    impression_count: Math.floor(p.reach * (1 - Math.exp(-hours / 8))) + Math.floor(hours),
  };
}
