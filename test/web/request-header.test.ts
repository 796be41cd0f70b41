// requestHeader reads Node's parsed headers, and must say what c.req.header() says.

import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { requestHeader } from '../../src/web/request-header.js';

const NAMES = ['x-signature-timestamp', 'X-Repeated', 'content-length', 'transfer-encoding', 'x-absent'];
const app = new Hono().post('/', (c) => c.json(NAMES.map((name) => [requestHeader(c, name), c.req.header(name)])));
let close: (() => void) | null = null;

afterEach(() => close?.());

function send(headers: Array<[string, string]>, body: string): Promise<Array<[string | null, string | null]>> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      const req = request(
        { host: '127.0.0.1', port: info.port, method: 'POST', path: '/', headers: [['host', '127.0.0.1'], ...headers].flat() },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    close = () => server.close();
  });
}

describe('requestHeader', () => {
  it('gives what c.req.header() gives under Node: any case of name, repeated headers joined, absent ones undefined', async () => {
    const answers = await send(
      [
        ['X-Signature-Timestamp', '1700000000'],
        ['x-repeated', 'one'],
        ['x-repeated', 'two'],
        ['content-length', '2'],
      ],
      '{}',
    );
    expect(answers).toEqual([
      ['1700000000', '1700000000'],
      ['one, two', 'one, two'],
      ['2', '2'],
      [null, null],
      [null, null],
    ]);
  });

  it('gives what c.req.header() gives for a chunked body', async () => {
    const answers = await send([['transfer-encoding', 'chunked']], '{}');
    expect(answers[3]).toEqual(['chunked', 'chunked']);
    expect(answers[2]).toEqual([null, null]);
  });

  it('falls back to c.req.header() off Node (a request made in the app itself)', async () => {
    const res = await app.request('/', { method: 'POST', headers: { 'x-repeated': 'a' }, body: '{}' });
    expect(((await res.json()) as unknown[])[1]).toEqual(['a', 'a']);
  });
});
