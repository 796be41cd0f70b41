// What the guild side hears and does (see events/bus.ts): the doors say a
// member was seen in a server; a link changing gives or takes the optional
// "linked" role in every server that has one.

import type { Subscriber } from '../events/bus.js';
import type { LinkEvents } from '../linking/events.js';
import type { LinkedRoleService } from './linked-role.js';
import type { MemberStore } from './stores.js';

export interface MemberEvents {
  /** A member used the bot in a server: linked roles apply to members the bot has seen there. */
  memberSeen: { guildId: string; discordUserId: string; at: number };
}

/** Notes members seen, gives or takes their linked role as their link changes, and forgets them when they unlink. */
export function keepLinkedRoles(events: Subscriber<LinkEvents & MemberEvents>, roles: LinkedRoleService, members: MemberStore): void {
  events.on('memberSeen', ({ guildId, discordUserId, at }) => members.seen(guildId, discordUserId, at));
  events.on('linked', ({ discordUserId }) => roles.sync(discordUserId, true));
  events.on('linkBroken', ({ discordUserId }) => roles.sync(discordUserId, false));
  events.on('displaced', ({ account }) => roles.sync(account.discordUserId, false));
  events.on('unlinked', async ({ account }) => {
    // The role goes first: which servers give it is read from the members about to be forgotten.
    await roles.sync(account.discordUserId, false);
    await members.forgetMember(account.discordUserId);
  });
}
