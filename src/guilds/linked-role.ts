// The optional "linked" role: given to members while their X account is
// linked, taken away when they unlink or the link breaks.

import type { GuildApi } from '../discord-api/guild-api.js';
import { GuildApiError } from '../discord-api/guild-api.js';
import type { Logger } from '../log/logger.js';
import { botInGuild } from './bot-membership.js';
import { type RoleProblem, roleProblem } from './permissions.js';
import type { MemberStore } from './stores.js';

export interface BackfillResult {
  given: number;
  skipped: number;
  failure?: GuildApiError;
}

export class LinkedRoleService {
  /** Each member's role changes still on their way (see sync). */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly members: MemberStore,
    private readonly api: GuildApi,
    private readonly log: Logger,
    /** Whether the member's link is active now: a role is given only then. */
    private readonly linkedNow: (discordUserId: string) => Promise<boolean> = async () => true,
  ) {}

  /** Whether the bot can give `roleId` in this server, asking Discord how the bot stands there. */
  async problem(guildId: string, roleId: string): Promise<RoleProblem | null> {
    const membership = await botInGuild(this.api, guildId).catch((err: unknown) => {
      // The admin is told what to check; the status and Discord's own words are for the operator, here.
      this.log.warn('could not check the linked role with Discord', { guildId, error: err });
      throw err;
    });
    return roleProblem(guildId, membership.ownerId, membership.roles, membership.bot, roleId);
  }

  /** Gives the role to every linked member seen in the server, one request at a time. */
  async backfill(guildId: string, roleId: string): Promise<BackfillResult> {
    let given = 0;
    let skipped = 0;
    for (const userId of await this.members.linkedMembers(guildId)) {
      try {
        await this.api.addRole(guildId, userId, roleId, 'Linked an X account');
        given++;
      } catch (err) {
        if (err instanceof GuildApiError && err.kind === 'unknown-member') {
          skipped++; // left the server
          continue;
        }
        this.log.warn('linked role backfill stopped', { guildId, error: err });
        return { given, skipped, failure: err instanceof GuildApiError ? err : new GuildApiError('unknown', String(err)) };
      }
    }
    return { given, skipped };
  }

  /**
   * Adds or removes the member's linked role in every server that has one;
   * failures are logged, not thrown. One member's changes run in the order
   * asked, and an add gives the role only if the link is still active then:
   * an add still on its way (a slow Discord, the linking page gone on
   * without it) must not land after the unlink's removal.
   */
  sync(discordUserId: string, linked: boolean): Promise<void> {
    const previous = this.turns.get(discordUserId) ?? Promise.resolve();
    const next = previous.then(() => this.syncNow(discordUserId, linked));
    const settled = next.catch(() => undefined);
    this.turns.set(discordUserId, settled);
    void settled.then(() => {
      if (this.turns.get(discordUserId) === settled) this.turns.delete(discordUserId);
    });
    return next;
  }

  private async syncNow(discordUserId: string, linked: boolean): Promise<void> {
    if (linked && !(await this.linkedNow(discordUserId))) return;
    for (const { guildId, roleId } of await this.members.linkedRolesFor(discordUserId)) {
      try {
        if (linked) await this.api.addRole(guildId, discordUserId, roleId, 'Linked an X account');
        else await this.api.removeRole(guildId, discordUserId, roleId, 'X account unlinked or no longer valid');
      } catch (err) {
        this.log.warn('could not update linked role', { guildId, discordUserId, linked, error: err });
      }
    }
  }
}
