// The load generator of `npm run bench:load`, in its own thread: it sends
// requests prepared and signed in advance over connections opened in
// advance, and times each from the moment its bytes are written until the
// first byte of the answer arrives. Nothing else runs on this thread, so the
// figures are the bot's, not the stand-ins' or the signer's.

import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

export interface PreparedRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

export interface SendOrder {
  id: number;
  requests: PreparedRequest[];
  /** 0: all at once; otherwise one request every gapMs. */
  gapMs: number;
}

export interface SendResult {
  id: number;
  ms: number[];
  statuses: number[];
}

/** One port per replica: request i goes to port i mod their number, as a round-robin balancer would send it. */
const { ports } = workerData as { ports: number[] };

function open(_: unknown, i: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: ports[i % ports.length]!, noDelay: true }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function bytesOf(r: PreparedRequest, i: number): Buffer {
  const port = ports[i % ports.length]!;
  const head = Object.entries({ ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return Buffer.from(`POST ${r.path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n${head}\r\n${r.body}`);
}

/** Writes one request and resolves with its time to first answer byte and its status. */
function send(socket: Socket, bytes: Buffer): Promise<{ ms: number; status: number }> {
  return new Promise((resolve) => {
    socket.once('data', (chunk: Buffer) => {
      const ms = performance.now() - start;
      resolve({ ms, status: Number(chunk.toString('latin1', 9, 12)) });
    });
    const start = performance.now();
    socket.write(bytes);
  });
}

async function run(order: SendOrder): Promise<SendResult> {
  const sockets = await Promise.all(order.requests.map(open));
  const bytes = order.requests.map(bytesOf);
  const answers: Array<Promise<{ ms: number; status: number }>> = [];
  for (let i = 0; i < sockets.length; i++) {
    if (order.gapMs > 0 && i > 0) await new Promise((r) => setTimeout(r, order.gapMs));
    answers.push(send(sockets[i]!, bytes[i]!));
  }
  const done = await Promise.all(answers);
  for (const s of sockets) s.destroy();
  return { id: order.id, ms: done.map((d) => d.ms), statuses: done.map((d) => d.status) };
}

parentPort!.on('message', (order: SendOrder) => {
  void run(order).then((result) => parentPort!.postMessage(result));
});
