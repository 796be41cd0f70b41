// One member's linked role changes land in the order asked, and a role is
// given only while the link is active: an add still on its way (Discord slow,
// the linking page gone on without it) cannot land after the unlink's removal.

import { describe, expect, it } from 'vitest';
import type { GuildApi } from '../../src/discord-api/guild-api.js';
import { LinkedRoleService } from '../../src/guilds/linked-role.js';
import type { MemberStore } from '../../src/guilds/stores.js';
import { silentLogger } from '../../src/log/logger.js';

const MEMBER = '300000000000000001';

function service(linkedNow: () => boolean) {
  const calls: string[] = [];
  let releaseAdd!: () => void;
  const addHeld = new Promise<void>((resolve) => (releaseAdd = resolve));
  const members = { linkedRolesFor: async () => [{ guildId: '1', roleId: '2' }] } as unknown as MemberStore;
  const api = {
    addRole: async () => {
      calls.push('add sent');
      await addHeld;
      calls.push('add done');
    },
    removeRole: async () => void calls.push('remove'),
  } as unknown as GuildApi;
  const roles = new LinkedRoleService(members, api, silentLogger, async () => linkedNow());
  return { roles, calls, releaseAdd };
}

describe('the linked role', () => {
  it('is removed after an add still on its way, never before it', async () => {
    const { roles, calls, releaseAdd } = service(() => true);
    const add = roles.sync(MEMBER, true);
    const remove = roles.sync(MEMBER, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['add sent']);
    releaseAdd();
    await Promise.all([add, remove]);
    expect(calls).toEqual(['add sent', 'add done', 'remove']);
  });

  it('is not given for a link that is no longer active when its turn comes', async () => {
    let linked = true;
    const { roles, calls, releaseAdd } = service(() => linked);
    releaseAdd();
    linked = false; // unlinked before the late "linked" reaction ran
    await roles.sync(MEMBER, true);
    await roles.sync(MEMBER, false);
    expect(calls).toEqual(['remove']);
  });
});
