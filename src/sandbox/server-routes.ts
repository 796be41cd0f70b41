// The console's controls for what the bot does for a whole server: the
// sandbox clock, and the weekly digests it drives. "Run clock to" moves the
// clock the bot, the local X and the console share, then runs the bot's own
// digest scheduler once (the tick every replica runs), so a digest set for a
// minute is posted when the clock reaches it, through the same claim as in
// production: a second tick, or a restart at the same time, posts nothing.
// Mounted on the bot's web server after the console, behind its run-key and
// own-page checks.

import type { Hono } from 'hono';
import type { DigestService } from '../digest/digest-service.js';
import { nextDue } from '../digest/schedule.js';
import type { DigestStore } from '../digest/stores.js';
import type { SandboxClock } from './clock.js';
import { FOREIGN_GUILD } from './places.js';
import { SANDBOX_GUILDS } from './sandbox-discord.js';

export interface ServerControls {
  clock: SandboxClock;
  /** The bot's digests and their store, once the bot exists (it is made after the routes are mounted). */
  digests: () => { service: Pick<DigestService, 'tick'>; store: Pick<DigestStore, 'all' | 'last'> } | null;
}

export function mountServerControls(app: Hono, controls: ServerControls): void {
  const { clock } = controls;
  const digestState = async () => {
    const digests = controls.digests();
    if (!digests) return [];
    const now = clock.now();
    return Promise.all(
      (await digests.store.all()).map(async (s) => ({
        guildId: s.guildId,
        guildName: SANDBOX_GUILDS.find((g) => g.id === s.guildId)?.name ?? s.guildId,
        channelId: s.channelId,
        weekday: s.weekday,
        minuteOfDay: s.minuteOfDay,
        timeZone: s.timeZone,
        next: nextDue(s, now),
        last: await digests.store.last(s.guildId),
      })),
    );
  };
  /** Runs the bot's digest scheduler once at the clock's time: what each replica does every 20 seconds. */
  const tick = async () => (await controls.digests()?.service.tick()) ?? 0;

  app.get('/sandbox/api/server', async (c) =>
    c.json({ now: clock.now(), stopped: clock.stopped, foreignGuild: FOREIGN_GUILD, digests: await digestState() }),
  );
  app.post('/sandbox/api/clock', async (c) => {
    const asked = (await c.req.json().catch(() => null)) as { runTo?: unknown; stop?: unknown } | null;
    if (!asked || typeof asked !== 'object') return c.json({ ok: false, error: 'runTo (epoch ms) or stop (true/false)' }, 400);
    if (typeof asked.stop === 'boolean') clock.stop(asked.stop);
    if (asked.runTo !== undefined && !clock.runTo(Number(asked.runTo))) {
      return c.json({ ok: false, error: 'the clock runs forward only, and at most 28 days ahead', now: clock.now() }, 400);
    }
    return c.json({ ok: true, now: clock.now(), posted: await tick() });
  });
  app.post('/sandbox/api/digests/tick', async (c) => c.json({ ok: true, now: clock.now(), posted: await tick() }));
}
