// A tiny local HTTP server for stand-ins of Discord and X: it records every
// request and lets a test queue canned failures. Listens on 127.0.0.1 only.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body's bytes, for binary parts such as attached PNGs. */
  raw: Buffer;
  json?: unknown;
}

export interface CannedResponse {
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
}

export type Handler = (req: RecordedRequest) => CannedResponse | Promise<CannedResponse>;
/** Which requests a hold applies to: "METHOD path" matched by a pattern, or any test of the request (its query too). */
export type RequestMatch = RegExp | ((req: RecordedRequest) => boolean);

function matches(match: RequestMatch, req: RecordedRequest): boolean {
  return match instanceof RegExp ? match.test(`${req.method} ${req.path}`) : match(req);
}

export class HttpStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: Array<{ match: RequestMatch; response: CannedResponse }> = [];
  private readonly holds: Array<{ match: RequestMatch; gate: Promise<void> }> = [];
  private server?: Server;
  baseUrl = '';
  /** Every answer leaves this long after its request arrived, to model a distant API (benchmarks). */
  latencyMs = 0;
  /** The port to listen on; 0 picks a free one. */
  port = 0;
  /**
   * Most requests kept for `requests` (the oldest go first). Tests keep them all; the sandbox, which runs for
   * hours on someone's laptop, keeps a window, so memory does not grow with every request.
   */
  keepRequests = Number.POSITIVE_INFINITY;
  /** Largest body read: a bigger one is answered 413 and its connection closed without reading the rest. */
  maxBodyBytes = 8 * 1024 * 1024;

  constructor(private readonly handler: Handler) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      // Nothing a client sends may end the process (the sandbox runs this on people's machines): a failure is a 500.
      this.serve(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next matching request ("METHOD path", or the request itself) gets this response instead. */
  failNext(match: RequestMatch, response: CannedResponse): void {
    this.failures.push({ match, response });
  }

  /** Holds the next matching request ("METHOD path", or the request itself) until the returned function is called. */
  hold(match: RequestMatch): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ match, gate });
    return release;
  }

  requestsTo(match: RequestMatch): RecordedRequest[] {
    return this.requests.filter((r) => matches(match, r));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const url = `${this.baseUrl}${req.url ?? '/'}`;
    let path: string;
    try {
      // As the real APIs do: a request for /users/%40me is one for /users/@me.
      path = decodeURIComponent(new URL(url).pathname);
    } catch {
      // "/%" and the like: no path at all, which the real APIs answer with 400.
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'The request path is not valid percent-encoding' }] }));
      return;
    }
    const raw = await this.readBody(req, res);
    if (!raw) return;
    const body = raw.toString('utf8');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, url, headers: req.headers, body, raw };
    if ((req.headers['content-type'] ?? '').includes('application/json') && body) {
      try {
        recorded.json = JSON.parse(body);
      } catch {
        // leave undefined; tests assert on what they expect
      }
    }
    this.requests.push(recorded);
    if (this.requests.length > this.keepRequests) this.requests.splice(0, this.requests.length - this.keepRequests);
    const holdIndex = this.holds.findIndex((h) => matches(h.match, recorded));
    if (holdIndex >= 0) await this.holds.splice(holdIndex, 1)[0]?.gate;
    const failureIndex = this.failures.findIndex((f) => matches(f.match, recorded));
    const failure = failureIndex >= 0 ? this.failures.splice(failureIndex, 1)[0] : undefined;
    let response: CannedResponse;
    if (failure) {
      response = failure.response;
    } else {
      try {
        response = await this.handler(recorded);
      } catch (err) {
        response = { status: 500, body: { error: (err as Error).message } };
      }
    }
    const wait = arrived + this.latencyMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const payload = typeof response.body === 'object' ? JSON.stringify(response.body) : (response.body ?? '');
    const contentType = typeof response.body === 'object' ? 'application/json' : 'text/plain';
    res.writeHead(response.status, { 'content-type': contentType, ...response.headers });
    res.end(payload);
  }

  /** The body, read while it streams in up to maxBodyBytes; past that (or a declared length past it), 413 and null. */
  private readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const refuse = () => {
        done = true;
        req.removeAllListeners('data');
        req.pause();
        res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ errors: [{ message: `The request body is larger than ${this.maxBodyBytes} bytes` }] }), () =>
          req.socket.destroy(),
        );
        resolve(null);
      };
      if (Number(req.headers['content-length'] ?? 0) > this.maxBodyBytes) {
        refuse();
        return;
      }
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > this.maxBodyBytes) refuse();
        else chunks.push(chunk);
      });
      req.on('end', () => {
        if (!done) resolve(Buffer.concat(chunks));
        done = true;
      });
      req.on('error', () => {
        if (!done) resolve(null);
        done = true;
      });
    });
  }
}
