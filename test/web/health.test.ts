import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

it('reports ok while the database answers, 503 once it does not', async () => {
  const ok = await h.bot.web.request('/healthz');
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual({ status: 'ok' });
  await h.stores.close();
  const down = await h.bot.web.request('/healthz');
  expect(down.status).toBe(503);
  h.stores.close = async () => {};
});

it('serves a friendly 404 page with the security headers', async () => {
  const res = await h.bot.web.request('/nope');
  expect(res.status).toBe(404);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(await res.text()).toContain('Nothing here');
});

it('answers an internal failure with a friendly 500 page and logs the route, never the link token', async () => {
  await h.stores.close();
  const token = 'A'.repeat(43);
  const res = await h.bot.web.request(`/link/${token}`);
  expect(res.status).toBe(500);
  expect(await res.text()).toContain('Something went wrong on our side');
  const logged = h.logs.join('\n');
  expect(logged).toContain('"route":"/link/:token"');
  expect(logged).not.toContain(token);
  h.stores.close = async () => {};
});

it('in gateway mode reports the connection too: 200 through a short reconnect, 503 once it stalls or Discord closed it for good', async () => {
  await h.close();
  h = await startHarness({ mode: 'gateway' });
  const health = h.bot.gatewayHealth!;
  const get = async () => {
    const res = await h.bot.web.request('/healthz');
    return { status: res.status, body: (await res.json()) as { status: string; gateway?: { state: string; disconnects: number } } };
  };
  health.connected('new-session');
  expect(await get()).toMatchObject({ status: 200, body: { status: 'ok', gateway: { state: 'connected', disconnects: 0 } } });
  health.closed(1006);
  h.clock.now += 60_000;
  expect(await get()).toMatchObject({ status: 200, body: { gateway: { state: 'reconnecting', disconnects: 1 } } });
  h.clock.now += 5 * 60_000;
  expect(await get()).toMatchObject({ status: 503, body: { status: 'unavailable', gateway: { state: 'reconnecting' } } });
  health.connected('resumed');
  expect((await get()).status).toBe(200);
  health.gone(4004);
  expect(await get()).toMatchObject({ status: 503, body: { gateway: { state: 'gone' } } });
});
