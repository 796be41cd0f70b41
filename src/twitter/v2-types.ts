// The parts of X API v2 objects the reports read. Ids stay strings: they exceed 2^53.

export interface PublicMetrics {
  retweet_count?: number;
  reply_count?: number;
  like_count?: number;
  quote_count?: number;
  bookmark_count?: number;
  impression_count?: number;
}

/**
 * X serves non_public_metrics for the author's posts of the last 30 days only,
 * and a read asking for them silently leaves out older posts: such a read
 * must not reach back further.
 */
export const PRIVATE_METRICS_DAYS = 30;

/** X serves only the 3,200 most recent posts of a timeline. */
export const X_TIMELINE_CAP = 3200;

/**
 * Metrics only the author sees, sent with the author's own user token for
 * their own posts of the last 30 days (X: "non_public_metrics").
 */
export interface PrivateMetrics {
  impression_count?: number;
  /** Visits to the author's profile from this post. */
  user_profile_clicks?: number;
  url_link_clicks?: number;
  /** Every interaction X counts (clicks, expands, likes, replies, …): the numerator of X's engagement rate. */
  engagements?: number;
}

export interface XPost {
  id: string;
  text: string;
  created_at: string;
  author_id?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  lang?: string;
  edit_history_tweet_ids?: string[];
  public_metrics?: PublicMetrics;
  non_public_metrics?: PrivateMetrics;
  referenced_tweets?: Array<{ type: 'replied_to' | 'quoted' | 'retweeted'; id: string }>;
  entities?: {
    hashtags?: Array<{ tag: string }>;
    mentions?: Array<{ username: string; id?: string }>;
    urls?: Array<{ url: string; expanded_url?: string; display_url?: string; media_key?: string }>;
  };
}

export interface XUserProfile {
  id: string;
  name: string;
  username: string;
  profile_image_url?: string;
  protected?: boolean;
  /** When the account was made (ISO 8601): Linked Roles' account age. */
  created_at?: string;
  verified?: boolean;
  public_metrics?: { followers_count?: number; following_count?: number; tweet_count?: number };
}

export interface XListResponse<T> {
  data?: T[];
  includes?: Record<string, unknown>;
  meta?: { result_count?: number; newest_id?: string; oldest_id?: string; next_token?: string };
  errors?: Array<Record<string, unknown>>;
}
