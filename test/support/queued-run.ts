// A run as admission records it, for tests of the queue: what it carries
// beyond its member and start does not matter there.

import type { NewRun } from '../../src/report/stores.js';

export const queuedRun = (discordUserId: string, startedAt: number): NewRun => ({
  discordUserId,
  guildId: null,
  days: 30,
  locale: null,
  startedAt,
  reservedPosts: 100,
  interactionTokenSealed: 'sealed',
  job: '{}',
});
