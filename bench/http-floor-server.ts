// The server half of `npm run bench:http-floor`, in a process of its own:
// answers POST /interactions with a deferral, doing nothing else, either on
// node:http alone or through a minimal Hono app on @hono/node-server.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';

const mode = process.argv[2] === 'hono' ? 'hono' : 'node';
const server =
  mode === 'node'
    ? createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"type":5}');
        });
      })
    : createServer(
        getRequestListener(
          new Hono().post('/interactions', async (c) => {
            JSON.parse(await c.req.text());
            return c.json({ type: 5 });
          }).fetch,
        ),
      );
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
