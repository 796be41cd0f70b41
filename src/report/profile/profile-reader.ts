// The member's X profile (followers, posts, avatar): a user read costs as
// much as two posts, so it is read at most once per UTC day and stored,
// unless the member asks for a refresh (honoured at most once per
// REPORT_CACHE_SECONDS, so repeating refresh:true cannot run up the bill).
// Reports read it, and so do Linked Roles; each read is told onward
// (onProfile), so Linked Roles follow a report's read at no extra cost.

import { billingDay } from '../../budget/pricing.js';
import type { LinkedAccount } from '../../db/schema.js';
import { XApiError } from '../../twitter/errors.js';
import type { XV2Client } from '../../twitter/v2-client.js';
import type { XUserProfile } from '../../twitter/v2-types.js';
import { type MemberClientDeps, memberClient, noUsage } from '../read/member-client.js';
import type { PostStore } from '../stores.js';
import type { ProfileRefresh, ReportProfile } from '../summary/summary-types.js';

export interface ProfileReaderDeps {
  store: PostStore;
  client: MemberClientDeps;
  /** REPORT_CACHE_SECONDS: how often a refresh is honoured. */
  cacheSeconds: number;
  now: () => number;
  /** Told each profile read for a report (Linked Roles push it to Discord). */
  onProfile?: (account: LinkedAccount, profile: XUserProfile) => void;
}

/** What a report shows of the profile, and what became of a refresh the member asked for. */
export interface ProfileForReport {
  profile: ReportProfile;
  refresh: ProfileRefresh;
}

export class ProfileReader {
  constructor(private readonly deps: ProfileReaderDeps) {}

  /** For Linked Roles: today's stored profile, or read from X (a user read, at most once per UTC day, as for reports). */
  current(account: LinkedAccount): Promise<XUserProfile> {
    const client = memberClient(this.deps.client, account, noUsage());
    return this.read(client, this.deps.store.forLink(account), account, this.deps.now(), false);
  }

  /** For a report, through the report's own client (its usage, its deadline) and its link's store. */
  async forReport(client: XV2Client, store: PostStore, account: LinkedAccount, now: number, refresh: boolean): Promise<ProfileForReport> {
    // Only to tell a member whose refresh:true came too soon when it can be honoured.
    const before = refresh ? await store.profile(account.xUserId) : undefined;
    const profile = await this.read(client, store, account, now, refresh);
    // Read anyway for the report: Linked Roles follow it at no extra cost.
    this.deps.onProfile?.(account, profile);
    const everyMs = this.deps.cacheSeconds * 1000;
    const tooSoon = before && now - before.fetchedAt < everyMs;
    return {
      refresh: !refresh
        ? { asked: false }
        : tooSoon
          ? { asked: true, done: false, readAt: before.fetchedAt, nextAt: before.fetchedAt + everyMs }
          : { asked: true, done: true },
      profile: reportProfile(profile),
    };
  }

  private async read(client: XV2Client, store: PostStore, account: LinkedAccount, now: number, refresh: boolean): Promise<XUserProfile> {
    const cached = await store.profile(account.xUserId);
    const fresh =
      cached && (refresh ? now - cached.fetchedAt < this.deps.cacheSeconds * 1000 : billingDay(cached.fetchedAt) === billingDay(now));
    if (cached && fresh) return cached.profile;
    const profile = await client.me();
    if (profile.id !== account.xUserId) throw new XApiError('bad-response', 'X returned another account');
    await store.saveProfile(profile, now);
    return profile;
  }
}

function reportProfile(profile: XUserProfile): ReportProfile {
  return {
    id: profile.id,
    name: profile.name,
    username: profile.username,
    avatarUrl: profile.profile_image_url,
    followers: profile.public_metrics?.followers_count,
    following: profile.public_metrics?.following_count,
    tweetCount: profile.public_metrics?.tweet_count,
    protected: profile.protected,
  };
}
