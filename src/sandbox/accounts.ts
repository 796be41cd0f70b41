// The sandbox's X accounts, offered on the local X's consent page: seeded, so
// every run shows the same members, and alive, so posts keep arriving and
// gaining likes and views as the sandbox runs. Lifelike: a weekly rhythm,
// distinct texts, a few viral posts, and replies that answer mentions. Four
// accounts, so three console members can link one each and try the leaderboard.

import { SimulatedMember } from '../local-x/simulated-member.js';
import type { ConsentAccount } from '../local-x/x-stand-in.js';

const DAY = 86_400_000;

export interface SandboxAccount extends ConsentAccount {
  member: SimulatedMember | null;
}

/** A quiet account, a busy one near X's 3,200-post cap, and one that never posted. */
export function sandboxAccounts(now: number): SandboxAccount[] {
  const living = (spec: {
    id: string;
    username: string;
    name: string;
    days: number;
    postsPerDay: number;
    mentionsPerDay: number;
    seed: number;
  }) => new SimulatedMember({ ...spec, from: now - spec.days * DAY, until: now + 30 * DAY, lifelike: true });
  return [
    {
      id: '1700000000000000001',
      screenName: 'ada_builds',
      name: 'Ada Builds',
      blurb: 'Busy: about 50 posts a day, near X’s 3,200-post cap',
      member: living({
        id: '1700000000000000001',
        username: 'ada_builds',
        name: 'Ada Builds',
        days: 62,
        postsPerDay: 50,
        mentionsPerDay: 12,
        seed: 11,
      }),
    },
    {
      id: '1700000000000000002',
      screenName: 'grace_quiet',
      name: 'Grace Quiet',
      blurb: 'Quiet: a post or two a day',
      member: living({
        id: '1700000000000000002',
        username: 'grace_quiet',
        name: 'Grace Quiet',
        days: 120,
        postsPerDay: 2,
        mentionsPerDay: 1,
        seed: 12,
      }),
    },
    {
      id: '1700000000000000004',
      screenName: 'lin_steady',
      name: 'Lin Steady',
      blurb: 'Steady: about eight posts a day',
      member: living({
        id: '1700000000000000004',
        username: 'lin_steady',
        name: 'Lin Steady',
        days: 90,
        postsPerDay: 8,
        mentionsPerDay: 3,
        seed: 13,
      }),
    },
    {
      id: '1700000000000000003',
      screenName: 'new_here',
      name: 'New Here',
      blurb: 'Has never posted',
      member: null,
    },
  ];
}
