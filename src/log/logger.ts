// Structured JSON-lines logger. Fields whose names look like credentials are
// redacted before they are written, so a careless call cannot leak a token.

import type { LogLevel } from '../config/env.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|secret|verifier|signature|authorization|password|key$|body$/i;

/**
 * Secrets that travel inside text: an interaction or webhook token in a URL
 * path (Discord's errors carry the URL they failed on), a one-time link token,
 * OAuth query parameters.
 */
const SECRET_IN_TEXT: Array<[RegExp, string]> = [
  [/(\/(?:interactions|webhooks)\/\d+\/)[^/?\s"]+/g, '$1[redacted]'],
  [/(\/link\/)[A-Za-z0-9_-]{43}/g, '$1[redacted]'],
  [/((?:oauth_token|oauth_verifier|denied)=)[^&\s"]+/g, '$1[redacted]'],
];

function scrub(text: string): string {
  return SECRET_IN_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** Deeper than this, a value is summarised rather than written (and never unredacted). */
const MAX_DEPTH = 6;

/**
 * A copy safe to write: credential-like keys redacted at every depth, errors
 * with their stack and cause, bigints as text, cycles and depth cut off.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[array of ${value.length}]` : '[object]';
  seen.add(value);
  if (value instanceof Error) {
    // Name, message and stack say where it failed; own fields (status, code, kind) say how.
    const own = redact({ ...value }, depth + 1, seen) as Record<string, unknown>;
    const cause = value.cause === undefined ? {} : { cause: redact(value.cause, depth + 1, seen) };
    return { name: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack), ...own, ...cause };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1, seen);
  }
  return out;
}

/**
 * Writes lines to standard output once per turn of the event loop: to a pipe
 * each write is a blocking system call, and a burst of interactions logs a
 * few lines each. What is still buffered when the process exits is written
 * then (standard output is synchronous on exit, for pipes and files alike).
 */
export function batchedStdout(): (line: string) => void {
  let buffered: string[] = [];
  const flush = () => {
    if (buffered.length === 0) return;
    const text = `${buffered.join('\n')}\n`;
    buffered = [];
    process.stdout.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (buffered.push(line) === 1) setImmediate(flush);
  };
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = batchedStdout(), base: LogFields = {}): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const record = { time: new Date().toISOString(), level: lvl, msg, ...(redact({ ...base, ...fields }) as LogFields) };
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

/** A logger that drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = createLogger('error', () => {});
