// The whole sandbox as `npm run sandbox` starts it (the real bot, the local X,
// the console), driven over HTTP with the printed address: DMs and admin
// commands work as in Discord, and its local X stands up to a hostile
// neighbour on the same machine.

import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_GUILDS } from '../../src/sandbox/sandbox-discord.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { eventually } from '../support/harness.js';

let sandbox: Sandbox;
let dir: string;
let cookie = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xbot-sandbox-'));
  sandbox = await startSandbox({ dir, port: 0, xPort: 0 });
  const opened = await fetch(sandbox.consoleUrl, { redirect: 'manual' });
  cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const own = () => ({ origin: sandbox.botUrl, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', cookie });
const member = (admin = false) => ({ id: '300000000000000001', username: 'ada', globalName: 'Ada', roles: [], admin });

async function command(body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(`${sandbox.botUrl}/sandbox/api/interact`, {
    method: 'POST',
    headers: own(),
    body: JSON.stringify({ kind: 'command', ...body }),
  });
  expect(res.status).toBe(200);
  return eventually(async () => {
    const state = (await (await fetch(`${sandbox.botUrl}/sandbox/api/state`, { headers: { cookie } })).json()) as {
      messages: Array<Record<string, any>>;
    };
    const last = state.messages.at(-1);
    return last && last.state !== 'thinking' && last;
  }, 4000);
}

/** A raw request to the local X, bypassing fetch's URL checks. */
function rawToX(method: string, path: string, body?: { chunks: number; size: number }): Promise<number> {
  const { port } = new URL(sandbox.x.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    if (!body) return void req.end();
    let sent = 0;
    const more = () => {
      while (sent < body.chunks) {
        sent++;
        if (!req.write(Buffer.alloc(body.size, 1))) return void req.once('drain', more);
      }
      req.end();
    };
    more();
  });
}

describe('the sandbox, started as npm run sandbox starts it', { timeout: 60_000 }, () => {
  it('answers commands in a DM with the bot, not "The bot answered 400"', async () => {
    const answer = await command({ name: 'link-twitter', options: [], member: member(), dm: true });
    expect(answer.state).toBe('done');
    expect(answer.channelId).toMatch(/^\d{17,20}$/);
    expect(JSON.stringify(answer.components)).toContain('/link/');
  });

  it('sets a linked role for an admin: the bot’s /users/%40me reaches the console’s Discord', async () => {
    const [guild] = SANDBOX_GUILDS;
    const options = [
      {
        name: 'linked-role',
        type: 2,
        options: [{ name: 'set', type: 1, options: [{ name: 'role', type: 8, value: guild.roles.linked }] }],
      },
    ];
    const answer = await command({ name: 'twitter-admin', options, member: member(true), guildId: guild.id });
    expect(answer.content).toContain('Members who link their X account now get');
    expect(answer.content).not.toMatch(/could not check|Discord answered|404/);
  });

  it('keeps its local X up through GET /%, a huge body and a flood of requests', async () => {
    expect(await rawToX('GET', '/%')).toBe(400);
    // 4 MB, chunked: refused once it passes the limit, without being read or kept.
    expect(await rawToX('POST', '/oauth/request_token', { chunks: 64, size: 64 * 1024 })).toBe(413);
    for (let i = 0; i < 520; i++) await rawToX('GET', `/2/users/${i}`);
    expect(sandbox.x.requests.length).toBeLessThanOrEqual(500);
    expect(sandbox.x.requests.some((r) => r.raw.length > 64 * 1024)).toBe(false);
    // Still serving.
    expect(await rawToX('GET', '/2/users/me')).not.toBe(0);
  });
});
