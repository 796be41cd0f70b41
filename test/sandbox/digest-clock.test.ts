// The sandbox's clock and the bot's digest scheduler it drives, over the
// console's own API (no browser): run to a minute before, nothing; to the
// minute, one digest in the channel; the same minute again, nothing more; the
// clock refuses to go back; a restart resumes at that minute and posts nothing.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CHANNEL_ID, SANDBOX_GUILD_ID } from '../../src/sandbox/sandbox-discord.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';

const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / HOUR) * HOUR;
/** Two days and 7 minutes on: a Berlin wall-clock minute, whatever day that is. */
const DUE = T0 + 2 * 24 * HOUR + 7 * 60_000;

let sandbox: Sandbox;
let dir: string;
let cookie = '';

async function open(): Promise<void> {
  const opened = await fetch(sandbox.consoleUrl, { redirect: 'manual' });
  cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xbot-sandbox-clock-'));
  sandbox = await startSandbox({ dir, port: 0, xPort: 0, clockStart: T0 });
  await open();
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const own = () => ({ origin: sandbox.botUrl, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', cookie });

async function runClockTo(at: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.botUrl}/sandbox/api/clock`, { method: 'POST', headers: own(), body: JSON.stringify({ runTo: at }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function digestsShown(): Promise<number> {
  const state = (await (await fetch(`${sandbox.botUrl}/sandbox/api/state`, { headers: { cookie } })).json()) as {
    messages: Array<{ channelId: string; components: unknown[] }>;
  };
  return state.messages.filter((m) => m.channelId === SANDBOX_CHANNEL_ID && JSON.stringify(m.components).includes('Weekly digest')).length;
}

describe('the sandbox clock drives the bot’s digest scheduler', { timeout: 60_000 }, () => {
  it('posts the digest once at its minute, not again on a second tick, a step back or a restart', async () => {
    const berlin = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Berlin',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    const parts = Object.fromEntries(berlin.formatToParts(DUE).map((p) => [p.type, p.value]));
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
    await sandbox.bot.stores.digests.set({
      guildId: SANDBOX_GUILD_ID,
      channelId: SANDBOX_CHANNEL_ID,
      weekday,
      minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
      timeZone: 'Europe/Berlin',
      locale: null,
      updatedAt: T0,
    });

    expect((await runClockTo(DUE - 60_000)).body).toMatchObject({ ok: true, now: DUE - 60_000, posted: 0 });
    expect(await digestsShown()).toBe(0);
    expect((await runClockTo(DUE)).body).toMatchObject({ ok: true, now: DUE });
    await expect.poll(digestsShown, { timeout: 20_000 }).toBe(1);
    expect((await runClockTo(DUE)).body).toMatchObject({ ok: true, posted: 0 });
    const back = await runClockTo(DUE - 1);
    expect(back.status).toBe(400);
    expect(sandbox.clock.now()).toBe(DUE);
    expect(await digestsShown()).toBe(1);
    expect(await sandbox.bot.stores.digests.last(SANDBOX_GUILD_ID)).toMatchObject({ dueAt: DUE, outcome: 'posted' });

    await sandbox.close();
    sandbox = await startSandbox({ dir, port: 0, xPort: 0 });
    await open();
    expect(sandbox.clock.now()).toBe(DUE);
    expect((await runClockTo(DUE)).body).toMatchObject({ ok: true, posted: 0 });
    expect(await digestsShown()).toBe(0);
    expect(await sandbox.bot.stores.digests.last(SANDBOX_GUILD_ID)).toMatchObject({ dueAt: DUE, outcome: 'posted' });
  });
});
