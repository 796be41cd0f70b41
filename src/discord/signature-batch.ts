// A batch of signed requests as one buffer, handed to the signature thread
// without a copy. Posting the requests themselves copied each Buffer's whole
// backing store: a small Buffer is a view of Node's 8 KiB pool, so every
// request cost two 8 KiB copies on the event loop.
// Each request: its 64-byte signature, the length of what was signed (4 bytes),
// the timestamp and the body that were signed, one after the other.

import type { SignedRequest } from './signature.js';

const SIGNATURE_BYTES = 64;
const HEAD_BYTES = SIGNATURE_BYTES + 4;

/** Checks numbered from `first`, in order; `sentAt` (ms since the epoch) lets the thread skip those given up on. */
export interface SignatureBatch {
  first: number;
  sentAt: number;
  bytes: ArrayBuffer;
}

/** The bytes a request takes in a batch. */
export function packedSize(r: SignedRequest): number {
  return HEAD_BYTES + r.timestamp.byteLength + r.body.byteLength;
}

export function packBatch(first: number, sentAt: number, requests: readonly SignedRequest[]): SignatureBatch {
  const bytes = new ArrayBuffer(requests.reduce((sum, r) => sum + packedSize(r), 0));
  const all = new Uint8Array(bytes);
  const view = new DataView(bytes);
  let at = 0;
  for (const r of requests) {
    all.set(r.signature, at);
    view.setUint32(at + SIGNATURE_BYTES, r.timestamp.byteLength + r.body.byteLength, true);
    all.set(r.timestamp, at + HEAD_BYTES);
    all.set(r.body, at + HEAD_BYTES + r.timestamp.byteLength);
    at += packedSize(r);
  }
  return { first, sentAt, bytes };
}

/** What the thread checks: views into the batch's buffer. */
export function unpackBatch(batch: SignatureBatch): Array<{ signed: Uint8Array; signature: Uint8Array }> {
  const all = new Uint8Array(batch.bytes);
  const view = new DataView(batch.bytes);
  const requests: Array<{ signed: Uint8Array; signature: Uint8Array }> = [];
  for (let at = 0; at < all.byteLength; ) {
    const length = view.getUint32(at + SIGNATURE_BYTES, true);
    requests.push({ signature: all.subarray(at, at + SIGNATURE_BYTES), signed: all.subarray(at + HEAD_BYTES, at + HEAD_BYTES + length) });
    at += HEAD_BYTES + length;
  }
  return requests;
}
