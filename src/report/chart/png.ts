// A PNG encoder for the chart's pixels. Skia's own (canvas.toBuffer) tries
// every row filter at zlib level 6: about 30 ms of a 90-day chart's 47 ms, the
// largest part of a report's CPU. A chart is mostly flat colour, so rows left
// unfiltered at zlib level 3 come out about the same size in 8 ms.

import { constants, crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_RGBA = 6;
const FILTER_NONE = 0;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGBA pixels (not premultiplied, row after row) as a PNG. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = width * 4;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || rgba.length !== rowBytes * height) {
    throw new RangeError(`expected ${width}×${height} RGBA pixels, got ${rgba.length} bytes`);
  }
  const pixels = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const rows = Buffer.allocUnsafe((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const at = y * (rowBytes + 1);
    rows[at] = FILTER_NONE;
    pixels.copy(rows, at + 1, y * rowBytes, (y + 1) * rowBytes);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = COLOUR_RGBA;
  // Compression, filter method and interlace: 0, the only standard ones.
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 3, strategy: constants.Z_DEFAULT_STRATEGY })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
