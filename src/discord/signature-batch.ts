// A batch of signed requests as one buffer, handed to the signature thread
// without a copy. Posting the requests themselves copied each Buffer's whole
// backing store: a small Buffer is a view of Node's 8 KiB pool, so every
// request cost two 8 KiB copies on the event loop.
// Each request: its 64-byte signature, the length of what was signed (4 bytes), those bytes.

import type { SignedRequest } from './signature.js';

const SIGNATURE_BYTES = 64;

/** One turn's checks, numbered from `first`; the thread answers in the same order. */
export interface SignatureBatch {
  first: number;
  bytes: ArrayBuffer;
}

export function packBatch(first: number, requests: readonly SignedRequest[]): SignatureBatch {
  const size = requests.reduce((sum, r) => sum + SIGNATURE_BYTES + 4 + r.signed.byteLength, 0);
  const bytes = new ArrayBuffer(size);
  const all = new Uint8Array(bytes);
  const view = new DataView(bytes);
  let at = 0;
  for (const r of requests) {
    all.set(r.signature, at);
    view.setUint32(at + SIGNATURE_BYTES, r.signed.byteLength, true);
    all.set(r.signed, at + SIGNATURE_BYTES + 4);
    at += SIGNATURE_BYTES + 4 + r.signed.byteLength;
  }
  return { first, bytes };
}

export function unpackBatch(batch: SignatureBatch): SignedRequest[] {
  const all = new Uint8Array(batch.bytes);
  const view = new DataView(batch.bytes);
  const requests: SignedRequest[] = [];
  for (let at = 0; at < all.byteLength; ) {
    const length = view.getUint32(at + SIGNATURE_BYTES, true);
    const start = at + SIGNATURE_BYTES + 4;
    requests.push({ signature: all.subarray(at, at + SIGNATURE_BYTES), signed: all.subarray(start, start + length) });
    at = start + length;
  }
  return requests;
}
