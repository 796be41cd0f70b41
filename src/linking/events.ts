// What linking tells the rest of the bot (see events/bus.ts). The link
// service emits these after its own write has committed; linked roles, the
// Linked Roles connection, the stores and the member's DMs react in bot.ts's
// subscriptions.

import type { LinkedAccount } from '../db/schema.js';
import type { GuildApi } from '../discord-api/guild-api.js';
import type { Subscriber } from '../events/bus.js';
import type { Logger } from '../log/logger.js';
import { textFor } from '../text/catalog.js';

export interface LinkEvents {
  /** A member linked an X account (a first link or a relink). */
  linked: { discordUserId: string };
  /** X stopped accepting the member's token: the link stays, marked broken, until they link again. */
  linkBroken: { discordUserId: string };
  /** A member unlinked: every reaction must delete what it keeps about them (emitted with emitAll; a failure fails the unlink). */
  unlinked: { account: LinkedAccount };
  /** A member with no X account unlinked, and their Linked Roles connection was forgotten (its clear queued). */
  connectionForgotten: { discordUserId: string };
  /** Another member linked this member's X account; it is theirs now (this member's Linked Roles connection is forgotten, its clear queued). */
  displaced: { account: LinkedAccount; newOwnerName: string };
  /** The member relinked to another X account: what is kept about the one they dropped goes. */
  xAccountDropped: { xUserId: string };
}

/** Tells a displaced member by DM whose link took their X account (their locale is not known outside an interaction: the default catalog). */
export function tellDisplacedMembers(events: Subscriber<LinkEvents>, api: Pick<GuildApi, 'sendDirectMessage'>, log: Logger): void {
  events.on('displaced', async ({ account, newOwnerName }) => {
    try {
      await api.sendDirectMessage(account.discordUserId, textFor(null).linking.displaced(account.xScreenName, newOwnerName));
    } catch (err) {
      log.warn('could not tell a member their X account was linked elsewhere', { discordUserId: account.discordUserId, error: err });
    }
  });
}
