// GET /healthz: for a supervisor or load balancer. 200 while the database
// answers and, in gateway mode, the gateway is connected or briefly
// reconnecting; 503 when the database fails, Discord closed the gateway for
// good, or reconnecting has stalled for minutes.

import { Hono } from 'hono';
import type { GatewayHealth } from '../../interaction/gateway-health.js';

export function healthRoutes(isHealthy: () => Promise<boolean>, gateway: GatewayHealth | null): Hono {
  return new Hono().get('/', async (c) => {
    if (!(await isHealthy())) return c.json({ status: 'unavailable', reason: 'database' }, 503);
    if (!gateway) return c.json({ status: 'ok' });
    const { state, since, disconnects, resumes, newSessions, lastCloseCode } = gateway.snapshot();
    const body = { state, since: new Date(since).toISOString(), disconnects, resumes, newSessions, lastCloseCode };
    return gateway.isFailing()
      ? c.json({ status: 'unavailable', reason: 'gateway', gateway: body }, 503)
      : c.json({ status: 'ok', gateway: body });
  });
}
