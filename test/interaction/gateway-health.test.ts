// The gateway's health as /healthz and /twitter-admin status tell it.

import { describe, expect, it } from 'vitest';
import { GatewayHealth, STALLED_AFTER_MS } from '../../src/interaction/gateway-health.js';
import { en } from '../../src/text/catalog.js';

describe('GatewayHealth', () => {
  it('counts outages by how they ended, keeps the longest, and fails only when gone or stalled', () => {
    const clock = { now: 1_000_000 };
    const health = new GatewayHealth(() => clock.now);
    expect(health.snapshot().state).toBe('connecting');
    expect(health.connected('new-session')).toBeNull(); // the first READY is no outage
    clock.now += 60_000;
    health.closed(4000);
    clock.now += 800;
    expect(health.connected('resumed')).toBe(800);
    health.closed(1006);
    expect(health.isFailing()).toBe(false);
    clock.now += STALLED_AFTER_MS + 1;
    expect(health.isFailing()).toBe(true);
    expect(health.connected('new-session')).toBe(STALLED_AFTER_MS + 1);
    expect(health.snapshot()).toMatchObject({
      state: 'connected',
      disconnects: 2,
      resumes: 1,
      newSessions: 1,
      longestOutageMs: STALLED_AFTER_MS + 1,
      lastCloseCode: 1006,
    });
    health.gone(4004);
    expect(health.isFailing()).toBe(true);
    const line = en.admin.connectionLine('connected', clock.now, 2, 1, 1, 12_000);
    expect(line).toContain('2 outages (1 resumed, 1 with a new session');
    expect(line).toContain('the longest lasted 12 s');
    expect(en.admin.connectionLine('connected', clock.now, 0, 0, 0, 0)).toContain('No outage since the bot started.');
  });
});
