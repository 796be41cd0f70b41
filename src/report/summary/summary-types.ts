// The numbers a report shows, as data any layout can render (the embed today):
// every figure carries what it covers, whether it is a lower bound, and, for
// each section that has nothing to show, why. Nothing here is text.

import type { CutReason } from '../../db/schema.js';
import type { PostKind } from '../stored-post.js';
import type { DayRead, SourceSpan } from './read-span.js';

export interface ReportProfile {
  id: string;
  name: string;
  username: string;
  avatarUrl?: string;
  followers?: number;
  following?: number;
  /** Posts ever made, as X counts them. */
  tweetCount?: number;
  protected?: boolean;
}

export interface DayActivity {
  date: string;
  /** How much of the day was read: an unread day has no counts, which is not the same as a day without posts. */
  read: DayRead;
  original: number;
  reply: number;
  quote: number;
  repost: number;
  likes: number;
  /** Impressions of the day's own posts (however late they came), as likes. */
  impressions: number;
}

/** The engagement rate, defined once: X's own where X gives engagements, else public interactions, said which. */
export interface EngagementRate {
  value: number;
  /**
   * 'x-engagements': X's engagement rate, engagements ÷ impressions, on own posts of the last 30 days
   * that carry X's private metrics (private reports only).
   * 'interactions': likes, reposts, replies, quotes and bookmarks ÷ impressions, on own posts with an impression count.
   */
  basis: 'x-engagements' | 'interactions';
  /** Posts the rate is taken over. */
  posts: number;
}

export interface TopPost {
  id: string;
  url: string;
  excerpt: string;
  kind: PostKind;
  /** Local date (YYYY-MM-DD, the report's zone) the post was made. */
  date: string;
  createdAt: number;
  /** Likes, reposts, replies, quotes and bookmarks: what the ranking is by. */
  engagement: number;
  likes: number;
  reposts: number;
  replies: number;
  /** Null when X sent no impression count for the post. */
  impressions: number | null;
  /** This post's engagement rate on the report's one basis (EngagementRate.basis); null when it lacks what that needs. */
  rate: number | null;
}

/**
 * The member's private metrics (X's non_public_metrics), summed over their own
 * posts of the last 30 days that carry them: X sends them only for those.
 * Impressions and the engagement rate are not repeated here: the engagement
 * section has them.
 */
export interface PrivateMetricsSummary {
  /** Own posts of the last 30 days in the period that carry private metrics. */
  posts: number;
  /** Own posts of the last 30 days in the period, with or without them. */
  eligible: number;
  profileVisits: number;
  linkClicks: number;
  /** Null when X sent no engagement counts. */
  engagements: number | null;
}

/** Why a section has nothing to show; each layout says it in one short line. */
export type MissingReason =
  /** The member's private X analytics stay out of a report others can see. */
  | { section: 'private'; why: 'public-report' }
  /** No own post of the last 30 days in the period: X sends private metrics only for those. */
  | { section: 'private'; why: 'no-recent-posts' }
  /** Own posts of the last 30 days were read by a report reaching further back, which X answers without them. */
  | { section: 'private'; why: 'read-without'; eligible: number }
  /** Nothing but reposts (or nothing) in the span read: no engagement of their own to show. */
  | { section: 'engagement'; why: 'no-own-posts' }
  | { section: 'top-posts'; why: 'no-interactions' }
  | { section: 'topics'; why: 'none-found' }
  /** Mentions were not read: the operator turned them off, or the budget left none for them. */
  | { section: 'responsiveness'; why: 'not-read'; bound: 'off' | 'budget' }
  /** Fewer posts than a pattern needs to mean anything. */
  | { section: 'patterns'; why: 'too-few-posts'; posts: number; needed: number }
  | { section: 'best-time'; why: 'too-few-posts'; posts: number; needed: number };

export type MissingSection = MissingReason['section'];

/**
 * When the member's own posts earned most, by interactions per post (not by
 * how often they post), over weekday × three-hour block in their zone.
 */
export type BestTime =
  | {
      found: true;
      weekday: number;
      /** The block's first hour (0, 3, …, 21). */
      hour: number;
      hours: number;
      /** Interactions per post in that block. */
      perPost: number;
      /** Posts in that block. */
      posts: number;
      /** Interactions per post over the posts of every block compared. */
      average: number;
      /** Posts in the blocks compared. */
      compared: number;
      /** Posts considered (own, mature, in the span read). */
      sample: number;
      /** Blocks with enough posts to be compared. */
      slots: number;
      minPerSlot: number;
    }
  | { found: false; sample: number; minPerSlot: number; minSample: number };

export interface Counted {
  name: string;
  count: number;
}

/** A span of time, epoch ms, both ends inclusive. */
export interface TimeSpan {
  from: number;
  to: number;
}

/**
 * This period against the previous one, like for like: spans of equal length
 * at the same position in the day (the previous one ends at the same local
 * time of day, `days` days earlier), so a member who posts the same every day
 * sees no change at any hour.
 */
/** Impressions of a span's own posts old enough to have most of their views (comparison-reach.ts). */
export interface ImpressionsChange {
  /** Impressions of the span's mature own posts that carry a count. */
  now: number;
  before: number;
  change: number | null;
  matureHours: number;
}

export interface RateChange {
  /** Interactions ÷ impressions over the span's mature own posts with impressions. */
  now: number;
  before: number;
  /** now − before, in fractions (0.012 is 1.2 percentage points). */
  points: number;
  matureHours: number;
}

export type Comparison =
  | {
      available: true;
      current: TimeSpan;
      previous: TimeSpan;
      posts: { now: number; before: number; change: number | null };
      /**
       * Likes per own post, counting only posts at least matureHours old at
       * the end of each span: a post collects most of its likes in its first
       * days. Null when either span has no such post.
       */
      likesPerPost: { now: number; before: number; change: number | null; matureHours: number } | null;
      /** Impressions of the same mature own posts (see comparison-reach.ts); null when either span has none with a count. */
      impressions: ImpressionsChange | null;
      /** Interactions ÷ impressions of those posts, the public basis in both spans; null as impressions. */
      rate: RateChange | null;
    }
  | {
      available: false;
      previous: TimeSpan;
      /**
       * 'period-partial': this period itself was read only in part, so no equal span exists to compare.
       * 'not-stored': the previous span is not stored, and the bot does not buy posts only to compare.
       */
      reason: 'period-partial' | 'not-stored';
      /** A longer report that would read the previous span within the caps, with what that would cost (estimated). */
      readBy: { days: number; posts: number; costMicroUsd: number } | null;
      /**
       * The first local date a report of this length can show the comparison
       * if reports keep reading the timeline at least every `everyDays` days
       * (the bot keeps what it reads); null when the caps never allow it.
       */
      from: { date: string; everyDays: number } | null;
    };

/** How the span read could reach the whole period in a later report; null when nothing the member can do helps. */
export type MoreCoverage =
  /** Reports keep what they read: from `date` on, a report of this length covers it all, if reports run at least every `everyDays` days. */
  | { how: 'keep-reporting'; date: string; everyDays: number }
  /** The bound was this month's budget: next month's may read further. */
  | { how: 'next-month' }
  /**
   * The bound was REPORT_MAX_POSTS, which bounds one report: the next reads on below where this one stopped.
   * About `posts` older posts are missing, `reports` reports of at most `maxPosts` each, costing about `costMicroUsd` in all.
   */
  | { how: 'read-on'; posts: number; reports: number; maxPosts: number; costMicroUsd: number };

export interface ReportCoverage {
  posts: SourceSpan;
  /** Null when mentions were not read. */
  mentions: SourceSpan | null;
  /** Local days of the period read at least in part, and in all. */
  daysRead: number;
  days: number;
  /** Whole local days read (today and a first day read in part excluded): what averages and patterns are taken over. */
  wholeDays: number;
  /** The operator's per-report bound on posts read (REPORT_MAX_POSTS), to say a cut's size. */
  maxPosts: number;
  more: MoreCoverage | null;
}

/** Whether the member's refresh:true was honoured, or when it can be. */
export type ProfileRefresh = { asked: false } | { asked: true; done: true } | { asked: true; done: false; readAt: number; nextAt: number };

export type { CutReason, DayRead, SourceSpan };
