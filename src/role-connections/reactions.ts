// How a member's Linked Roles connection follows their link (see
// events/bus.ts): pushed when they link or a report reads their profile,
// cleared when the link breaks, forgotten (its clear queued) when they unlink
// or their X account is linked by someone else.

import type { Subscriber } from '../events/bus.js';
import type { LinkEvents } from '../linking/events.js';
import type { ReportEvents } from '../report/events.js';
import { textFor } from '../text/catalog.js';
import type { RoleConnectionService } from './role-connection-service.js';
import type { ConnectionStore } from './stores.js';

export function keepRoleConnections(events: Subscriber<LinkEvents & ReportEvents>, connections: RoleConnectionService): void {
  events.on('linked', ({ discordUserId }) => connections.pushLinked(discordUserId));
  events.on('profileRead', ({ account, profile }) => connections.push(account, profile));
  events.on('linkBroken', ({ discordUserId }) => connections.clear(discordUserId));
  events.on('unlinked', ({ account }) => connections.forget(account.discordUserId));
  events.on('connectionForgotten', ({ discordUserId }) => connections.forget(discordUserId));
  // Their connection was forgotten with the X account; its clear is queued, tried now.
  events.on('displaced', ({ account }) => connections.forget(account.discordUserId));
}

/**
 * The line a private report adds when Discord refused to refresh the member's
 * Linked Roles tokens: they must connect again from the role menu. Read from
 * the store alone, so reports need not wait for the service to exist.
 */
export function reconnectNotice(
  store: Pick<ConnectionStore, 'get'>,
): (discordUserId: string, locale: string | null) => Promise<string | null> {
  return async (discordUserId, locale) =>
    (await store.get(discordUserId))?.status === 'reconnect' ? textFor(locale).linking.rolesReconnect : null;
}
