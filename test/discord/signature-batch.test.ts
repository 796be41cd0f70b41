import { describe, expect, it } from 'vitest';
import { packBatch, packedSize, unpackBatch } from '../../src/discord/signature-batch.js';

describe('signature batches', () => {
  it('hand the thread every request whole and in order (timestamp then body), views of Node’s pool included', () => {
    const requests = [0, 1, 900, 9000].map((length, i) => ({
      // Buffer.from on small input takes a slice of the shared pool: only the view must travel.
      signature: Buffer.from('ab'.repeat(64), 'hex').fill(i, 0, 1),
      timestamp: Buffer.from(`170000000${i}`),
      body: Buffer.alloc(length, 0x30 + i),
    }));
    const batch = packBatch(7, 1234, requests);
    expect([batch.first, batch.sentAt]).toEqual([7, 1234]);
    expect(batch.bytes.byteLength).toBe(requests.reduce((n, r) => n + packedSize(r), 0));
    expect(packedSize(requests[2]!)).toBe(64 + 4 + 10 + 900);
    const back = unpackBatch(structuredClone(batch, { transfer: [batch.bytes] }));
    expect(back.map((r) => [Buffer.from(r.signature).toString('hex'), Buffer.from(r.signed).toString('latin1')])).toEqual(
      requests.map((r) => [r.signature.toString('hex'), `${r.timestamp}${r.body.toString('latin1')}`]),
    );
  });

  it('is empty for no requests', () => {
    expect(unpackBatch(packBatch(0, 0, []))).toEqual([]);
  });
});
