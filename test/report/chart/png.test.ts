import { crc32, inflateSync } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../src/report/chart/png.js';

/** The chunks of a PNG, each with its CRC checked. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  const found: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const typed = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typed));
    found.push({ type: typed.subarray(0, 4).toString('latin1'), data: typed.subarray(4) });
    at += 12 + length;
  }
  return found;
}

describe('encodePng', () => {
  const width = 3;
  const height = 2;
  const rows = [
    [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255],
    [10, 20, 30, 255, 40, 50, 60, 128, 70, 80, 90, 0],
  ];
  const rgba = Uint8Array.from(rows.flat());

  it('writes the signature, an RGBA header, the rows and the end, each chunk with a valid CRC', () => {
    const png = encodePng(rgba, width, height);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [ihdr, idat, iend, ...rest] = chunks(png);
    expect(rest).toEqual([]);
    expect(ihdr?.type).toBe('IHDR');
    expect([ihdr!.data.readUInt32BE(0), ihdr!.data.readUInt32BE(4), ...ihdr!.data.subarray(8)]).toEqual([3, 2, 8, 6, 0, 0, 0]);
    expect(iend).toEqual({ type: 'IEND', data: Buffer.alloc(0) });
    // Each row: filter byte 0, then the pixels as given.
    const rows = inflateSync(idat!.data);
    expect([...rows]).toEqual([0, ...rgba.subarray(0, 12), 0, ...rgba.subarray(12)]);
  });

  it('is read back pixel for pixel by an image decoder', async () => {
    const canvas = createCanvas(40, 30);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#123456';
    ctx.fillRect(0, 0, 40, 30);
    ctx.fillStyle = '#e69f00';
    ctx.beginPath();
    ctx.arc(20, 15, 9, 0, Math.PI * 2);
    ctx.fill();
    const drawn = canvas.data();
    const image = await loadImage(encodePng(drawn, 40, 30));
    const back = createCanvas(40, 30);
    back.getContext('2d').drawImage(image, 0, 0);
    expect(Buffer.compare(back.data(), drawn)).toBe(0);
  });

  it('refuses pixels that do not fill the stated size', () => {
    expect(() => encodePng(rgba, 4, 2)).toThrow(RangeError);
    expect(() => encodePng(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });
});
