// X API v2 reads with a member's OAuth 1.0a user token. Every request is
// counted (X bills each post read), 5xx and timeouts are retried a bounded
// number of times with backoff, and failures are classified for the member.

import { DeadlineError } from '../http/deadline.js';
import { type HttpAnswer, type HttpGet, StaleConnectionError } from '../http/http-get.js';
import { nodeHttpGet } from '../http/node-http-get.js';
import { classifyResponse, XApiError } from './errors.js';
import { buildUrl, type Credentials, type OAuthSigner } from './oauth-signer.js';
import type { XListResponse, XPost, XUserProfile } from './v2-types.js';

/**
 * Only the fields a stored post is made of (see report/stored-post.ts): X bills a post, not its fields, but every
 * field asked for is bytes to receive, parse and hold while the page waits to be stored.
 */
export const POST_FIELDS = 'created_at,public_metrics,entities,referenced_tweets';
/** Asked for only on reads that cannot reach past X's 30-day window for them (see PRIVATE_METRICS_DAYS). */
export const PRIVATE_POST_FIELDS = `${POST_FIELDS},non_public_metrics`;
export const MENTION_FIELDS = 'created_at,author_id,referenced_tweets';
export const USER_FIELDS = 'created_at,profile_image_url,protected,public_metrics,verified';

/** What a set of reads cost at X: requests made, posts and user objects returned (each billed). */
export interface Usage {
  requests: number;
  postsRead: number;
  /** Of postsRead, those already read earlier the same UTC day: X bills a post once a day, so these were free. */
  postsRepeated: number;
  userReads: number;
}

export interface V2ClientOptions {
  apiUrl: string;
  signer: OAuthSigner;
  token: Credentials;
  usage: Usage;
  /** Attempts per request for 5xx and network failures. */
  attempts?: number;
  timeoutMs?: number;
  backoffMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
  /** Aborts everything once the report's overall deadline passes. */
  signal?: AbortSignal;
  /** Called whenever `usage` changes, so reads are recorded as they happen. */
  onUsage?: () => void;
  /**
   * Called with each page of posts as it is counted, in the same turn (so a
   * record of the usage includes it); returns how many of them the caller
   * counted before (a report taken over, reading again what its first attempt
   * counted and never stored): those are not counted again.
   */
  onPosts?: (kind: 'tweets' | 'mentions', posts: XPost[]) => number;
  /** How requests are made: node:http by default; tests watch what is read through another. */
  get?: HttpGet;
}

export interface PageQuery {
  startTime?: string;
  /** Exclusive upper bounds, for reading a period in slices. */
  endTime?: string;
  untilId?: string;
  sinceId?: string;
  paginationToken?: string;
  /** Ask for the member's private metrics: only for reads wholly within X's 30-day window for them. */
  privateMetrics?: boolean;
}

/**
 * Awaited before the body of a successful page is read (see DeadlineOptions.beforeBody):
 * a reader bounding the pages it holds in memory waits here for room.
 */
export type BodyHold = (signal: AbortSignal) => Promise<void>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class XV2Client {
  private readonly transport: HttpGet;

  constructor(private readonly options: V2ClientOptions) {
    this.transport = options.get ?? nodeHttpGet;
  }

  get usage(): Usage {
    return this.options.usage;
  }

  /** Posts just read that X had already billed today (the store knows which): they cost nothing. */
  notBilled(posts: number): void {
    this.options.usage.postsRepeated += posts;
    this.options.onUsage?.();
  }

  /**
   * Posts just read that this same report had read and counted before (a
   * report taken over after a crash, reading on from where it stopped): X does
   * not bill them again the same day, and each post counts once against budgets.
   */
  readBefore(posts: number): void {
    this.options.usage.postsRead -= posts;
    this.options.onUsage?.();
  }

  async me(): Promise<XUserProfile> {
    const body = await this.get<{ data?: XUserProfile }>('/2/users/me', { 'user.fields': USER_FIELDS });
    if (!body.data?.id) throw new XApiError('bad-response', 'X sent no profile');
    this.options.usage.userReads += 1;
    this.options.onUsage?.();
    return body.data;
  }

  userPosts(userId: string, query: PageQuery, maxResults = 100, hold?: BodyHold): Promise<XListResponse<XPost>> {
    return this.page(`/2/users/${userId}/tweets`, query, query.privateMetrics ? PRIVATE_POST_FIELDS : POST_FIELDS, maxResults, hold);
  }

  mentions(userId: string, query: PageQuery, maxResults = 100, hold?: BodyHold): Promise<XListResponse<XPost>> {
    return this.page(`/2/users/${userId}/mentions`, query, MENTION_FIELDS, maxResults, hold);
  }

  private async page(path: string, query: PageQuery, fields: string, maxResults: number, hold?: BodyHold): Promise<XListResponse<XPost>> {
    if (!/^\/2\/users\/\d+\/(tweets|mentions)$/.test(path)) throw new XApiError('bad-response', 'malformed user id');
    const body = await this.get<XListResponse<XPost>>(
      path,
      {
        max_results: Math.max(5, Math.min(100, maxResults)),
        start_time: query.sinceId ? undefined : query.startTime,
        end_time: query.sinceId ? undefined : query.endTime,
        until_id: query.untilId,
        since_id: query.sinceId,
        pagination_token: query.paginationToken,
        'tweet.fields': fields,
      },
      hold,
    );
    if (body.data !== undefined && !Array.isArray(body.data)) throw new XApiError('bad-response', 'X sent malformed posts');
    // X bills what it returned, readable or not: count first, then check.
    this.options.usage.postsRead += body.data?.length ?? 0;
    this.options.onUsage?.();
    if (body.data?.some((post) => !isWellFormedPost(post)))
      throw new XApiError('bad-response', 'X sent a post without a usable id or date');
    const before = body.data?.length ? (this.options.onPosts?.(path.endsWith('/tweets') ? 'tweets' : 'mentions', body.data) ?? 0) : 0;
    if (before > 0) this.readBefore(before);
    return body;
  }

  /** Every request sent is counted, the one asked again after a stale connection too. */
  private countRequest(): void {
    this.options.usage.requests++;
    this.options.onUsage?.();
  }

  private async get<T>(path: string, query: Record<string, string | number | undefined>, hold?: BodyHold): Promise<T> {
    const { apiUrl, signer, token, attempts = 3, timeoutMs = 15_000, signal } = this.options;
    const backoff = this.options.backoffMs ?? ((attempt: number) => 500 * 2 ** attempt);
    const sleep = this.options.sleep ?? defaultSleep;
    const url = buildUrl(apiUrl, path, query);
    let lastError: XApiError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt - 1));
      if (signal?.aborted) throw new XApiError('unavailable', 'report deadline reached');
      this.countRequest();
      let answer: HttpAnswer;
      const ask = () =>
        this.transport(
          url,
          // Signed for each ask: X refuses a nonce it has seen.
          { authorization: signer.authorization({ method: 'GET', url }, token), accept: 'application/json' },
          {
            timeoutMs,
            signal,
            // Error answers are small and not held: only a page to keep waits for room.
            beforeBody: hold && ((head, requestSignal) => (head.ok ? hold(requestSignal) : Promise.resolve())),
          },
        );
      try {
        answer = await ask().catch((err: unknown) => {
          // X closed the kept-alive connection as this was sent, and never took it: asked again at once, not as a
          // failed attempt after the backoff. A second such failure is one.
          if (!(err instanceof StaleConnectionError)) throw err;
          this.countRequest();
          return ask();
        });
      } catch (err) {
        // An answer far larger than any page is not one to read again: cut off, it is not retried.
        if (err instanceof DeadlineError && err.reason === 'too-large') throw new XApiError('bad-response', `X sent an ${err.message}`);
        lastError = new XApiError('unavailable', `could not reach X (${(err as Error).message})`);
        continue;
      }
      if (answer.ok) {
        try {
          return JSON.parse(answer.text) as T;
        } catch {
          throw new XApiError('bad-response', 'X sent something that is not JSON', answer.status);
        }
      }
      lastError = classifyResponse(answer.status, answer.text, answer.headers);
      if (lastError.kind !== 'unavailable') throw lastError;
    }
    throw lastError ?? new XApiError('unavailable', 'X could not be reached');
  }
}

/** Ids are decimal strings (they exceed 2^53); dates must parse, or storing and summarising would fail later. */
function isWellFormedPost(post: unknown): post is XPost {
  const p = post as Partial<XPost> | null;
  return (
    typeof p?.id === 'string' && /^\d{1,20}$/.test(p.id) && typeof p.created_at === 'string' && Number.isFinite(Date.parse(p.created_at))
  );
}
