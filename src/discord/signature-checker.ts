// Discord's signatures, checked on a thread of their own. Each check is about
// 70 µs of CPU; on libuv's thread pool each also cost the event loop some
// 40 µs to hand over and take back, and in a burst the pool's threads took
// the CPU from the event loop that answers the acks. Here the checks of one
// turn go to the thread in a few messages, each one transferred buffer, and
// come back as a list of answers.
//
// A check never depends on the thread being well: if it fails, or does not
// answer within a second, the requests it holds are checked on the event loop
// (and the thread, finding a batch that old, skips it rather than check twice).

import type { KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger.js';
import { startWorker } from '../threads/start-worker.js';
import { discordPublicKey, isGenuineRequest, type SignedRequest, signedRequest } from './signature.js';
import { packBatch, packedSize } from './signature-batch.js';

/** A message holds at most this many checks (about 1 ms of the thread's work)... */
const BATCH_SIZE = 16;
/** ...or this many bytes, so a few large bodies do not hold back the checks behind them. */
const BATCH_BYTES = 256 * 1024;

/** The longest a check waits for the thread before the event loop does it: well inside Discord's 3 s. */
const THREAD_WAIT_MS = 1000;

export interface SignatureCheckerOptions {
  log?: Logger;
  /** The thread: ours by default; 'none' checks on the event loop (tests); tests also pass one that fails. */
  thread?: 'none' | (() => Worker);
  /** How long a check waits for the thread (tests shorten it). */
  threadWaitMs?: number;
}

interface Pending {
  request: SignedRequest;
  resolve: (genuine: boolean) => void;
}

/** The thread's answer to the batch numbered from `first`: null when it skipped a batch sent too long ago. */
interface Answer {
  first: number;
  genuine: boolean[] | null;
}

export class SignatureChecker {
  private readonly key: KeyObject;
  private readonly waitMs: number;
  private worker: Worker | null;
  private readonly pending = new Map<number, Pending>();
  /** The checks of this turn not yet sent. */
  private batch: { first: number; items: SignedRequest[]; bytes: number } | null = null;
  /** Batches on the thread, by their first check's number: where they end, and the wait that gives up on them. */
  private readonly onThread = new Map<number, { end: number; timer: NodeJS.Timeout }>();
  private nextId = 0;

  constructor(
    publicKeyHex: string,
    private readonly options: SignatureCheckerOptions = {},
  ) {
    this.key = discordPublicKey(publicKeyHex);
    this.waitMs = options.threadWaitMs ?? THREAD_WAIT_MS;
    const thread = options.thread ?? (() => startWorker(import.meta.url, 'signature-worker', { publicKeyHex, waitMs: this.waitMs }));
    this.worker = thread === 'none' ? null : this.watch(thread());
  }

  /** Resolves whether the request's signature is Discord's. */
  check(signatureHex: string | undefined, timestamp: string | undefined, rawBody: string | Buffer): Promise<boolean> {
    const request = signedRequest(signatureHex, timestamp, rawBody);
    if (!request) return Promise.resolve(false);
    if (!this.worker) return Promise.resolve(isGenuineRequest(this.key, request));
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve });
      if (!this.batch) {
        this.batch = { first: id, items: [], bytes: 0 };
        setImmediate(() => this.send());
      }
      this.batch.items.push(request);
      this.batch.bytes += packedSize(request);
      // Sent in small batches: the first answers come back, and their acks go on, while the thread checks the rest.
      if (this.batch.items.length >= BATCH_SIZE || this.batch.bytes >= BATCH_BYTES) this.send();
    });
  }

  /** Ends the thread; checks it still holds, and later ones, run on the event loop. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.checkAllHere();
    await worker?.terminate();
  }

  private watch(worker: Worker): Worker {
    worker.unref();
    worker.on('message', (answer: Answer) => this.settle(answer));
    const lost = (error?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.options.log?.warn('signature thread stopped; checking signatures on the event loop', { error });
      this.checkAllHere();
    };
    worker.on('error', lost);
    worker.on('exit', () => lost());
    return worker;
  }

  private send(): void {
    const batch = this.batch;
    this.batch = null;
    if (!batch) return;
    const end = batch.first + batch.items.length;
    try {
      if (!this.worker) throw new Error('no signature thread');
      const packed = packBatch(batch.first, Date.now(), batch.items);
      this.worker.postMessage(packed, [packed.bytes]);
    } catch (error) {
      // Not sent (the thread is gone, or no memory for the buffer): checked here rather than left waiting.
      if (this.worker) this.options.log?.warn('could not hand signature checks to their thread', { error });
      this.checkHere(batch.first, end);
      return;
    }
    this.awaitAnswer(batch.first, end);
  }

  /** A function of its own so the timer holds two numbers, not the batch and its bytes. */
  private awaitAnswer(first: number, end: number): void {
    const timer = setTimeout(() => {
      this.onThread.delete(first);
      this.checkHere(first, end);
    }, this.waitMs).unref();
    this.onThread.set(first, { end, timer });
  }

  private settle({ first, genuine }: Answer): void {
    const sent = this.onThread.get(first);
    if (!sent) return; // given up on and checked here already
    clearTimeout(sent.timer);
    this.onThread.delete(first);
    // Skipped by the thread just before the wait here ran out: checked here now.
    if (!genuine) this.checkHere(first, sent.end);
    else for (let id = first; id < sent.end; id++) this.take(id)?.(genuine[id - first] === true);
  }

  /** Checks on the event loop the requests numbered `from` up to `end` still waiting. */
  private checkHere(from: number, end: number): void {
    for (let id = from; id < end; id++) {
      const request = this.pending.get(id)?.request;
      if (request) this.take(id)?.(isGenuineRequest(this.key, request));
    }
  }

  private checkAllHere(): void {
    for (const { timer } of this.onThread.values()) clearTimeout(timer);
    this.onThread.clear();
    for (const [id, waiting] of this.pending) this.take(id)?.(isGenuineRequest(this.key, waiting.request));
  }

  /** Takes a waiting check out of `pending`; its resolver, once. */
  private take(id: number): ((genuine: boolean) => void) | undefined {
    const waiting = this.pending.get(id);
    this.pending.delete(id);
    return waiting?.resolve;
  }
}
