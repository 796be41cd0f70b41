// Discord's signatures, checked on a thread of their own. Each check is about
// 70 µs of CPU; on libuv's thread pool each also cost the event loop some
// 40 µs to hand over and take back, and in a burst the pool's threads took
// the CPU from the event loop that answers the acks. Here the checks of one
// turn go to the thread in one message and come back in one, and the event
// loop spends a few µs on each.
//
// A check never depends on the thread being well: if it fails or does not
// answer within a second, the requests it holds are checked on the event loop.

import type { KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger.js';
import { startWorker } from '../threads/start-worker.js';
import { discordPublicKey, isGenuine, type SignedRequest, signedRequest } from './signature.js';
import { packBatch } from './signature-batch.js';

/** At most this many checks in one message: about 1 ms of the thread's work. */
const BATCH_SIZE = 16;

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

export class SignatureChecker {
  private readonly key: KeyObject;
  private worker: Worker | null;
  private readonly pending = new Map<number, Pending>();
  /** The checks of this turn not yet sent, and the number of the first. */
  private batch: { first: number; items: SignedRequest[] } | null = null;
  private nextId = 0;

  constructor(
    publicKeyHex: string,
    private readonly options: SignatureCheckerOptions = {},
  ) {
    this.key = discordPublicKey(publicKeyHex);
    const thread = options.thread ?? (() => startWorker(import.meta.url, 'signature-worker', { publicKeyHex }));
    this.worker = thread === 'none' ? null : this.watch(thread());
  }

  /** Resolves whether the request's signature is Discord's. */
  check(signatureHex: string | undefined, timestamp: string | undefined, rawBody: string | Buffer): Promise<boolean> {
    const request = signedRequest(signatureHex, timestamp, rawBody);
    if (!request) return Promise.resolve(false);
    if (!this.worker) return Promise.resolve(isGenuine(this.key, request.signed, request.signature));
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { request, resolve });
      if (!this.batch) {
        this.batch = { first: id, items: [] };
        setImmediate(() => this.send());
      }
      this.batch.items.push(request);
      // Sent in small batches: the first answers come back, and their acks go on, while the thread checks the rest.
      if (this.batch.items.length === BATCH_SIZE) this.send();
    });
  }

  /** Ends the thread; checks it still holds, and later ones, run on the event loop. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.checkHere();
    await worker?.terminate();
  }

  private watch(worker: Worker): Worker {
    worker.unref();
    worker.on('message', (answer: { first: number; genuine: boolean[] }) => this.settle(answer.first, answer.genuine));
    const lost = (error?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.options.log?.warn('signature thread stopped; checking signatures on the event loop', { error });
      this.checkHere();
    };
    worker.on('error', lost);
    worker.on('exit', () => lost());
    return worker;
  }

  private send(): void {
    const batch = this.batch;
    this.batch = null;
    if (!batch) return;
    if (!this.worker) {
      this.checkHere();
      return;
    }
    const packed = packBatch(batch.first, batch.items);
    this.worker.postMessage(packed, [packed.bytes]);
    const last = batch.first + batch.items.length;
    setTimeout(() => this.checkHere(batch.first, last), this.options.threadWaitMs ?? THREAD_WAIT_MS).unref();
  }

  private settle(first: number, genuine: boolean[]): void {
    genuine.forEach((ok, i) => {
      const waiting = this.pending.get(first + i);
      this.pending.delete(first + i);
      waiting?.resolve(ok === true);
    });
  }

  /** Checks on the event loop what is still pending (ids from `from` up to `to`, all by default). */
  private checkHere(from = 0, to = Number.POSITIVE_INFINITY): void {
    for (const [id, waiting] of this.pending) {
      if (id < from || id >= to) continue;
      this.pending.delete(id);
      waiting.resolve(isGenuine(this.key, waiting.request.signed, waiting.request.signature));
    }
  }
}
