// What Discord's Linked Roles know of a member's X account: at most five
// fields (Discord's limit), registered once with `npm run register-commands`,
// from which server admins build role requirements such as "X followers ≥
// 1,000" or "X account older than 365 days".

import { type APIApplicationRoleConnectionMetadata, ApplicationRoleConnectionMetadataType as Type } from 'discord-api-types/v10';
import type { RoleConnection } from '../discord-api/oauth2.js';
import type { XUserProfile } from '../twitter/v2-types.js';

export const PLATFORM_NAME = 'X';

export const ROLE_CONNECTION_METADATA: APIApplicationRoleConnectionMetadata[] = [
  { key: 'linked', name: 'Linked X account', description: 'Has an X account linked and working', type: Type.BooleanEqual },
  { key: 'followers', name: 'X followers', description: 'Followers on X, at least', type: Type.IntegerGreaterThanOrEqual },
  // Discord compares a datetime field with "at least N days ago" for this type: the account's age in days.
  {
    key: 'account_age',
    name: 'X account age (days)',
    description: 'Days since the X account was made, at least',
    type: Type.DatetimeLessThanOrEqual,
  },
  { key: 'posts', name: 'X posts', description: 'Posts ever made on X, at least', type: Type.IntegerGreaterThanOrEqual },
  { key: 'verified', name: 'Verified on X', description: 'Has a verified X account', type: Type.BooleanEqual },
];

/**
 * The member's connection from what X last said of their account. A field X
 * did not send is left out, so a requirement on it is not met, rather than
 * met by a made-up value.
 */
export function roleConnectionFor(screenName: string, profile: XUserProfile | undefined): RoleConnection {
  const metadata: Record<string, string> = { linked: '1' };
  const followers = profile?.public_metrics?.followers_count;
  const posts = profile?.public_metrics?.tweet_count;
  if (followers !== undefined) metadata.followers = String(followers);
  if (posts !== undefined) metadata.posts = String(posts);
  if (profile?.created_at && !Number.isNaN(Date.parse(profile.created_at)))
    metadata.account_age = new Date(profile.created_at).toISOString();
  if (profile?.verified !== undefined) metadata.verified = profile.verified ? '1' : '0';
  return { platform_name: PLATFORM_NAME, platform_username: `@${screenName}`, metadata };
}

/** No X account linked (unlinked, or X stopped accepting the link): every requirement fails. */
export function clearedConnection(): RoleConnection {
  return { platform_name: PLATFORM_NAME, metadata: { linked: '0' } };
}
