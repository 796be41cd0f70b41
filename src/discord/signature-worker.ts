// The thread that checks Discord's signatures (see signature-checker.ts): it
// takes a batch of signed bytes and answers which are genuine, in order. A
// batch sent longer ago than the event loop waits has been checked there
// already: it is answered as skipped, so a thread that fell behind catches up
// instead of doing every check twice.

import { parentPort, workerData } from 'node:worker_threads';
import { discordPublicKey, isGenuine } from './signature.js';
import { type SignatureBatch, unpackBatch } from './signature-batch.js';

const { publicKeyHex, waitMs } = workerData as { publicKeyHex: string; waitMs: number };
const key = discordPublicKey(publicKeyHex);

parentPort?.on('message', (batch: SignatureBatch) => {
  if (Date.now() - batch.sentAt >= waitMs) {
    parentPort?.postMessage({ first: batch.first, genuine: null });
    return;
  }
  parentPort?.postMessage({ first: batch.first, genuine: unpackBatch(batch).map((r) => isGenuine(key, r.signed, r.signature)) });
});
