// The thread that checks Discord's signatures (see signature-checker.ts): it
// takes a batch of signed bytes and answers which are genuine, in order.

import { parentPort, workerData } from 'node:worker_threads';
import { discordPublicKey, isGenuine } from './signature.js';
import { type SignatureBatch, unpackBatch } from './signature-batch.js';

const key = discordPublicKey((workerData as { publicKeyHex: string }).publicKeyHex);

parentPort?.on('message', (batch: SignatureBatch) => {
  parentPort?.postMessage({ first: batch.first, genuine: unpackBatch(batch).map((r) => isGenuine(key, r.signed, r.signature)) });
});
