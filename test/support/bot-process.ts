// The built bot as a child process (as `npm start` runs dist/main.js), configured only by
// its environment, for black-box tests that restart it or kill it with -9.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { YOUNG_GENERATION_FLAG } from '../../src/config/node-flags.js';
import type { XStandIn } from '../../src/local-x/x-stand-in.js';
import { APPLICATION_ID, type DiscordSigner } from './discord-payloads.js';
import type { DiscordStandIn } from './discord-stand-in.js';
import { eventually } from './harness.js';

/** A complete HTTP-mode configuration against the stand-ins, with its database under `dir`. */
export function standInEnv(x: XStandIn, discord: DiscordStandIn, signer: DiscordSigner, dir: string): Record<string, string> {
  return {
    DISCORD_TOKEN: 'bot-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    INTERACTIONS_MODE: 'http',
    TWITTER_CONSUMER_KEY: x.consumer.key,
    TWITTER_CONSUMER_SECRET: x.consumer.secret,
    PUBLIC_URL: 'https://bot.example.test',
    DATABASE_PATH: join(dir, 'data', 'bot.sqlite'),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TWITTER_API_URL: x.baseUrl,
    DISCORD_API_URL: discord.apiUrl,
    REPORT_COOLDOWN_SECONDS: '0',
  };
}

const ROOT = join(import.meta.dirname, '..', '..');

export interface BotProcess {
  base: string;
  pid: number;
  lines: string[];
  /** Parsed JSON log records. */
  records(): Array<Record<string, unknown>>;
  /** SIGKILL: no shutdown code runs, as in a power cut or an OOM kill. */
  kill9(): Promise<void>;
  /** Resolves with the exit code when the process ends by itself or is stopped. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** What `npm start` passes to node before the bot (see package.json). */
export const START_FLAGS = [YOUNG_GENERATION_FLAG];

/** Starts the bot as `npm start` does, with `nodeArgs` added (`startFlags: []` starts it as a bare `node dist/main.js`). */
export async function startBotProcess(
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
  startFlags: string[] = START_FLAGS,
): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, [...startFlags, ...nodeArgs, join(ROOT, 'dist', 'main.js')], {
    cwd,
    // No progress edits unless a test asks: tests take a report's next edit to be the report.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', REPORT_PROGRESS_SECONDS: '0', ...env },
  });
  const lines: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const records = () =>
    lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const listening = await eventually(() => records().find((r) => r.msg === 'web server listening'), 2000);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    base: `http://127.0.0.1:${String(listening.port)}`,
    pid: child.pid ?? 0,
    lines,
    records,
    exited,
    kill9: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** A start that must fail: runs the built bot until it ends by itself, with its exit code and output. */
export async function runBotUntilExit(
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): Promise<{ code: number | null; lines: string[]; records: Array<Record<string, unknown>> }> {
  const child = spawn(process.execPath, [...START_FLAGS, ...nodeArgs, join(ROOT, 'dist', 'main.js')], {
    cwd,
    // No progress edits unless a test asks: tests take a report's next edit to be the report.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', REPORT_PROGRESS_SECONDS: '0', ...env },
  });
  const lines: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  const records = lines.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  return { code, lines, records };
}
