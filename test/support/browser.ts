// A browser as the web server sees it: a cookie jar and an Origin header.
// Two of these are two people's browsers, for tests of forwarded links.

export type Send = (path: string, init: RequestInit) => Promise<Response>;

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly send: Send,
    private readonly origin: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (init.method === 'POST' && !headers.has('origin')) headers.set('origin', this.origin);
    const res = await this.send(path, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  post(path: string): Promise<Response> {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  }

  /** Opens a one-time link as a member would: the confirmation page, then Continue. */
  async openLink(path: string): Promise<{ page: Response; res: Response; location: string | null }> {
    const page = await this.get(path);
    if (page.status !== 200) return { page, res: page, location: null };
    const res = await this.post(path);
    return { page, res, location: res.headers.get('location') };
  }
}
