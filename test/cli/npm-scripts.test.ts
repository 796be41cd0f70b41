// `npm run register-commands` and `npm run invite-url` as an operator types
// them: the configuration is checked before anything else, and nothing is
// built first (they used to run a whole TypeScript build, 12-19 s, before
// saying a variable was missing).

import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../support/discord-payloads.js';
import { DiscordStandIn } from '../support/discord-stand-in.js';

const ROOT = join(import.meta.dirname, '..', '..');
const execFileAsync = promisify(execFile);
let discord: DiscordStandIn;

beforeAll(async () => {
  discord = await new DiscordStandIn().start();
});
afterAll(async () => {
  await discord.stop();
});

/** Runs an npm script in the repository, as README says; variables set here win over a developer's own .env. */
async function npmRun(script: string, env: Record<string, string>, args: string[] = []) {
  const started = statSync(join(ROOT, 'dist', 'main.js')).mtimeMs;
  const result = await execFileAsync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    encoding: 'utf8',
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
  // dist/ is what `npm test` built before any file ran: a script that builds first rewrites it.
  return { ...result, rebuilt: statSync(join(ROOT, 'dist', 'main.js')).mtimeMs !== started };
}

describe('npm run register-commands / invite-url', { timeout: 120_000 }, () => {
  it('name every missing variable without building anything first', async () => {
    const register = await npmRun('register-commands', { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    expect(register.code).toBe(1);
    expect(register.stderr).toMatch(/DISCORD_TOKEN is missing[\s\S]*DISCORD_APPLICATION_ID is missing/);
    expect(register.rebuilt).toBe(false);

    const invite = await npmRun('invite-url', { DISCORD_APPLICATION_ID: 'abc' });
    expect(invite.code).toBe(1);
    expect(invite.stderr).toContain('DISCORD_APPLICATION_ID is malformed');
    expect(invite.rebuilt).toBe(false);
  });

  it('register the commands and print the install link from the current sources, without a build', async () => {
    const env = { DISCORD_TOKEN: 'bot-token', DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl };
    const register = await npmRun('register-commands', env, ['--guild', '1100000000000000002']);
    expect(register.stderr).toBe('');
    expect(register.code).toBe(0);
    expect(register.stdout).toContain('in server 1100000000000000002 (available now)');
    expect(discord.requestsTo(/^PUT \/api\/v10\/applications\/\d+\/guilds\/1100000000000000002\/commands$/)).toHaveLength(1);
    expect(register.rebuilt).toBe(false);

    const invite = await npmRun('invite-url', { DISCORD_APPLICATION_ID: APPLICATION_ID });
    expect(invite.code).toBe(0);
    expect(invite.stdout).toContain(`client_id=${APPLICATION_ID}`);
    expect(invite.rebuilt).toBe(false);
  });
});
