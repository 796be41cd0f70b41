// The check every state-changing request from a browser passes: it came from
// one of our own pages, not another site's.

/**
 * Whether a request that changes something came from one of our own pages.
 * Browsers name where a form or fetch came from, but a page under
 * no-referrer (ours, so a link token never leaks) has its forms sent with
 * "Origin: null": there Sec-Fetch-Site, which every current browser sends,
 * must say same-origin. A real Chromium found this, in the sandbox's browser
 * test.
 */
export function fromOwnPage(originHeader: string | undefined, fetchSite: string | undefined, origin: string): boolean {
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  if (originHeader === undefined) return true;
  if (originHeader === 'null') return fetchSite === 'same-origin';
  return originHeader === origin;
}
