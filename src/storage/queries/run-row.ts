// The columns of a newly admitted report run, the same on every engine: what
// a NewRun leaves out is stored as null (or nothing reserved).

import type { NewRun } from '../../report/stores.js';

export function newRunRow(run: NewRun) {
  return {
    discordUserId: run.discordUserId ?? null,
    guildId: run.guildId ?? null,
    days: run.days,
    locale: run.locale ?? null,
    startedAt: run.startedAt,
    reservedPosts: run.reservedPosts ?? 0,
    interactionTokenSealed: run.interactionTokenSealed ?? null,
    job: run.job ?? null,
  };
}
