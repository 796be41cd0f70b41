// A server's leaderboard: who joined, their figures from what is stored, and
// what is missing read from X first (within the server's budget). Consent is
// checked again after the reads and before anything is shown: a member who
// left the board, unlinked or left the server meanwhile is not on it.

import type { BudgetService } from '../budget/budget.js';
import type { LinkedAccount } from '../db/schema.js';
import type { GuildApi } from '../discord-api/guild-api.js';
import { GuildApiError } from '../discord-api/guild-api.js';
import type { LinkService } from '../linking/link-service.js';
import type { Logger } from '../log/logger.js';
import type { TimelineTopUp } from '../report/read/top-up.js';
import type { PostStore } from '../report/stores.js';
import { engagementOf } from '../report/summary/summary-engagement.js';
import { type BoardPeriod, figureFor, type StoredTimeline, storedUntil } from './figures.js';
import { BOARD_TOP, type Board, type BoardMetric, type MemberFigures, rankBoard } from './ranking.js';
import type { BoardMembership, LeaderboardStore } from './stores.js';

const DAY = 86_400_000;

export interface BoardServiceDeps {
  store: LeaderboardStore;
  links: Pick<LinkService, 'account'>;
  posts: PostStore;
  topUp: Pick<TimelineTopUp, 'read'>;
  budget: Pick<BudgetService, 'state'>;
  guildApi: Pick<GuildApi, 'member'>;
  /** A timeline read from X this recently is not read again. */
  freshMs: number;
  /** Most posts one member's read may take. */
  maxPosts: number;
  now: () => number;
  log: Logger;
}

export interface BoardAsk {
  guildId: string;
  days: number;
  metric: BoardMetric;
  callerId: string | null;
  /** Read what is missing from X (false: stored only, as when the budget is spent). */
  read: boolean;
}

export interface BoardReads {
  /** Members whose timeline was read from X for this board. */
  members: number;
  postsRead: number;
  costMicroUsd: number;
  /** Members left unread because the budget had no room. */
  budgetShort: number;
}

export interface BoardAnswer {
  board: Board;
  period: BoardPeriod;
  reads: BoardReads;
  /** The oldest "stored until" among ranked members: how fresh the board is at worst. */
  dataAsOf: number | null;
  /** Members on the board now (after every check). */
  members: number;
}

/** What a digest says beside its board. */
export interface Highlights {
  topPost: { discordUserId: string; screenName: string; postId: string; engagement: number; excerpt: string } | null;
  /** The largest rise in the board's figure on the period before. */
  grower: { discordUserId: string; change: number } | null;
  /** Ranked members who joined the board during the period. */
  newcomers: string[];
}

export function boardPeriod(now: number, days: number): BoardPeriod {
  return { start: now - days * DAY, previousStart: now - 2 * days * DAY, end: now };
}

export class BoardService {
  constructor(private readonly deps: BoardServiceDeps) {}

  join(guildId: string, discordUserId: string): Promise<boolean> {
    return this.deps.store.join(guildId, discordUserId, this.deps.now());
  }

  leave(guildId: string, discordUserId: string): Promise<boolean> {
    return this.deps.store.leave(guildId, discordUserId);
  }

  members(guildId: string): Promise<BoardMembership[]> {
    return this.deps.store.members(guildId);
  }

  isMember(guildId: string, discordUserId: string): Promise<boolean> {
    return this.deps.store.isMember(guildId, discordUserId);
  }

  async board(ask: BoardAsk): Promise<BoardAnswer> {
    const period = boardPeriod(this.deps.now(), ask.days);
    const reads = ask.read ? await this.readMissing(ask.guildId, period) : { members: 0, postsRead: 0, costMicroUsd: 0, budgetShort: 0 };
    // Read afresh after the reads: whoever left the board or unlinked meanwhile is not shown.
    for (let round = 0; ; round++) {
      const accounts = await this.accounts(ask.guildId);
      const timelines = await Promise.all(accounts.map((a) => this.stored(a.xUserId, period)));
      const figures: MemberFigures[] = accounts.map((a, i) => ({
        discordUserId: a.discordUserId,
        screenName: a.xScreenName,
        ...figureFor(ask.metric, timelines[i] as StoredTimeline, period),
      }));
      const board = rankBoard(figures, ask.callerId, BOARD_TOP);
      // Those about to be shown are checked with Discord: a member who left the server leaves its board.
      const shown = [...board.top, ...(board.caller ? [board.caller] : [])].map((r) => r.discordUserId);
      const gone = round < 3 ? await this.leftServer(ask.guildId, shown) : [];
      if (gone.length > 0) continue;
      const until = timelines
        .map((timeline, i) => (figures[i]?.value !== null ? storedUntil(timeline.spans) : null))
        .filter((t): t is number => t !== null);
      return { board, period, reads, dataAsOf: until.length ? Math.min(...until) : null, members: accounts.length };
    }
  }

  /** The week's top post among the ranked members, the biggest grower, and those in their first period on the board. */
  async highlights(guildId: string, answer: BoardAnswer): Promise<Highlights> {
    const ranked = new Set(answer.board.all.map((r) => r.discordUserId));
    const accounts = (await this.accounts(guildId)).filter((a) => ranked.has(a.discordUserId));
    let topPost: Highlights['topPost'] = null;
    for (const a of accounts) {
      for (const p of await this.deps.posts.posts(a.xUserId, 'timeline', answer.period.start, answer.period.end)) {
        if (p.kind === 'repost') continue;
        const engagement = engagementOf(p);
        if (!topPost || engagement > topPost.engagement) {
          topPost = { discordUserId: a.discordUserId, screenName: a.xScreenName, postId: p.id, engagement, excerpt: p.text.slice(0, 120) };
        }
      }
    }
    const growers = answer.board.all.filter((r) => (r.change ?? 0) > 0).sort((x, y) => (y.change ?? 0) - (x.change ?? 0));
    const grower = growers[0] ? { discordUserId: growers[0].discordUserId, change: growers[0].change ?? 0 } : null;
    const joined = await this.deps.store.members(guildId);
    const newcomers = joined.filter((m) => m.joinedAt >= answer.period.start && ranked.has(m.discordUserId)).map((m) => m.discordUserId);
    return { topPost, grower, newcomers };
  }

  /** The board's members whose X link works, with their accounts. */
  private async accounts(guildId: string): Promise<LinkedAccount[]> {
    const members = await this.deps.store.members(guildId);
    const accounts = await Promise.all(members.map((m) => this.deps.links.account(m.discordUserId)));
    return accounts.filter((a): a is LinkedAccount => a !== null && a !== undefined && a.status === 'active');
  }

  private async stored(xUserId: string, period: BoardPeriod): Promise<StoredTimeline> {
    const [posts, spans, followers] = await Promise.all([
      this.deps.posts.posts(xUserId, 'timeline', period.previousStart, period.end),
      this.deps.posts.coverage(xUserId, 'timeline'),
      this.deps.posts.followerSnapshots(xUserId),
    ]);
    return { posts, spans, followers };
  }

  /** Members Discord says are no longer in the server: taken off its board, and returned. */
  private async leftServer(guildId: string, ids: readonly string[]): Promise<string[]> {
    const gone: string[] = [];
    for (const id of ids) {
      try {
        await this.deps.guildApi.member(guildId, id);
      } catch (err) {
        // Only Discord's "unknown member" removes anyone; an outage must not empty the board.
        if (!(err instanceof GuildApiError) || err.kind !== 'unknown-member') continue;
        await this.deps.store.leave(guildId, id);
        this.deps.log.info('a board member left the server; taken off its board', { guildId, discordUserId: id });
        gone.push(id);
      }
    }
    return gone;
  }

  /** Reads from X what the board's period lacks, member by member, within the server's budget. */
  private async readMissing(guildId: string, period: BoardPeriod): Promise<BoardReads> {
    const reads: BoardReads = { members: 0, postsRead: 0, costMicroUsd: 0, budgetShort: 0 };
    const stale: LinkedAccount[] = [];
    const at = this.deps.now();
    for (const account of await this.accounts(guildId)) {
      const spans = await this.deps.posts.coverage(account.xUserId, 'timeline');
      const until = storedUntil(spans) ?? 0;
      const whole = spans.some((s) => s.from <= period.previousStart && s.to >= until);
      if (at - until >= this.deps.freshMs || !whole) stale.push(account);
    }
    if (stale.length === 0) return reads;
    const remaining = (await this.deps.budget.state(guildId)).remaining;
    const share = remaining === null ? this.deps.maxPosts : Math.floor(remaining / stale.length);
    for (const account of stale) {
      const read = await this.deps.topUp.read(account, guildId, period.previousStart, share, Math.round((period.end - period.start) / DAY));
      if (!read.read) reads.budgetShort++;
      else reads.members++;
      reads.postsRead += read.usage.postsRead;
      reads.costMicroUsd += read.costMicroUsd;
    }
    return reads;
  }
}
