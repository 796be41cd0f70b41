// The sandbox's X accounts, offered on the local X's consent page: seeded, so
// every run shows the same members, and alive, so posts keep arriving and
// gaining likes and views as the sandbox runs.

import { SimulatedMember } from '../local-x/simulated-member.js';
import type { ConsentAccount } from '../local-x/x-stand-in.js';

const DAY = 86_400_000;

const TOPICS = [
  {
    text: 'Shipped the new onboarding flow today. Feedback welcome!',
    hashtags: ['buildinpublic'],
    urls: ['https://ada.example/changelog'],
  },
  { text: 'Thread: what I learned moving our queue to SQLite WAL mode', hashtags: ['sqlite'] },
  { text: 'Small TypeScript trick: satisfies + as const for config objects', hashtags: ['TypeScript'] },
  { text: 'Notes from this week’s meetup on accessible charts', urls: ['https://ada.example/notes/charts'] },
  { text: 'Morning coffee and a failing test. Classic.' },
];

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
  }) => new SimulatedMember({ ...spec, from: now - spec.days * DAY, until: now + 30 * DAY, topics: TOPICS });
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
      id: '1700000000000000003',
      screenName: 'new_here',
      name: 'New Here',
      blurb: 'Has never posted',
      member: null,
    },
  ];
}
