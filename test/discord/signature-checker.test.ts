// The signature thread: answers match each request whatever the batching,
// and a thread that fails, hangs or is closed never leaves a request
// unanswered or lets a forged one through.

import { generateKeyPairSync, sign } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SignatureChecker } from '../../src/discord/signature-checker.js';
import { createLogger } from '../../src/log/logger.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const der = publicKey.export({ format: 'der', type: 'spki' });
const keyHex = der.subarray(der.length - 32).toString('hex');
const timestamp = '1700000000';

/** Request i: signed when i is even, its signature made over another body when odd. */
function request(i: number): { signature: string; body: string } {
  const body = `{"type":2,"id":"${i}"}`;
  const signedOver = i % 2 === 0 ? body : `{"type":2,"id":"${i}x"}`;
  return { body, signature: sign(null, Buffer.from(timestamp + signedOver), privateKey).toString('hex') };
}

const checkers: SignatureChecker[] = [];
function checker(...args: ConstructorParameters<typeof SignatureChecker>): SignatureChecker {
  const made = new SignatureChecker(...args);
  checkers.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(checkers.splice(0).map((c) => c.close()));
});

async function checkMany(c: SignatureChecker, n: number): Promise<boolean[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) => {
      const r = request(i);
      return c.check(r.signature, timestamp, Buffer.from(r.body));
    }),
  );
}
const expected = (n: number) => Array.from({ length: n }, (_, i) => i % 2 === 0);

describe('SignatureChecker', () => {
  it('answers each of a burst on its thread, over several batches, genuine from forged', async () => {
    const c = checker(keyHex);
    expect(await checkMany(c, 53)).toEqual(expected(53));
    // And again in a later turn, with a batch begun afresh.
    expect(await checkMany(c, 5)).toEqual(expected(5));
  });

  it('refuses missing or malformed headers without asking the thread', async () => {
    const c = checker(keyHex, { thread: () => new Worker('setInterval(() => {}, 1000)', { eval: true }), threadWaitMs: 60_000 });
    const r = request(0);
    expect(await c.check(undefined, timestamp, r.body)).toBe(false);
    expect(await c.check(r.signature, undefined, r.body)).toBe(false);
    expect(await c.check('zz', timestamp, r.body)).toBe(false);
  });

  it('checks on the event loop, and says so once, when the thread fails', async () => {
    const lines: string[] = [];
    const c = checker(keyHex, {
      log: createLogger('debug', (line) => lines.push(line)),
      thread: () => new Worker('setTimeout(() => { throw new Error("thread broke") }, 20)', { eval: true }),
    });
    const pending = checkMany(c, 9);
    expect(await pending).toEqual(expected(9));
    // After the failure, checks go on without a thread.
    await new Promise((r) => setTimeout(r, 50));
    expect(await checkMany(c, 4)).toEqual(expected(4));
    expect(lines.filter((l) => l.includes('signature thread stopped'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('thread broke');
  });

  it('checks on the event loop what a thread that never answers holds, after its wait', async () => {
    const c = checker(keyHex, {
      thread: () => new Worker('require("node:worker_threads").parentPort.on("message", () => {})', { eval: true }),
      threadWaitMs: 30,
    });
    expect(await checkMany(c, 20)).toEqual(expected(20));
  });

  it('ignores a thread answering after the wait ran out, even wrongly: the event loop has checked those already', async () => {
    // Answers every batch as all genuine, 100 ms late.
    const liar =
      'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (b) => setTimeout(() => parentPort.postMessage({ first: b.first, genuine: Array(64).fill(true) }), 100))';
    const c = checker(keyHex, { thread: () => new Worker(liar, { eval: true }), threadWaitMs: 30 });
    const first = checkMany(c, 20);
    await new Promise((r) => setTimeout(r, 40));
    const second = checkMany(c, 20);
    expect(await first).toEqual(expected(20));
    expect(await second).toEqual(expected(20));
    await new Promise((r) => setTimeout(r, 150));
    expect(await checkMany(c, 4)).toEqual(expected(4));
  });

  it('checks on the event loop a batch the thread skipped as too old', async () => {
    const skipper =
      'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (b) => parentPort.postMessage({ first: b.first, genuine: null }))';
    const c = checker(keyHex, { thread: () => new Worker(skipper, { eval: true }), threadWaitMs: 60_000 });
    expect(await checkMany(c, 20)).toEqual(expected(20));
  });

  it('sends large bodies in batches by size, every one checked whole', async () => {
    const c = checker(keyHex);
    const big = Array.from({ length: 6 }, (_, i) => {
      const body = `{"type":2,"pad":"${'x'.repeat(200_000)}","id":"${i}"}`;
      const signature = sign(null, Buffer.from(timestamp + (i === 3 ? `${body} ` : body)), privateKey).toString('hex');
      return c.check(signature, timestamp, Buffer.from(body));
    });
    expect(await Promise.all(big)).toEqual([true, true, true, false, true, true]);
  });

  it('answers what it holds when closed, and checks later requests itself', async () => {
    const c = checker(keyHex, {
      thread: () => new Worker('require("node:worker_threads").parentPort.on("message", () => {})', { eval: true }),
      threadWaitMs: 60_000,
    });
    const pending = checkMany(c, 6);
    await new Promise((r) => setImmediate(r));
    await c.close();
    expect(await pending).toEqual(expected(6));
    expect(await checkMany(c, 3)).toEqual(expected(3));
  });
});
