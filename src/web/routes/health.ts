import { Hono } from 'hono';

export function healthRoutes(isHealthy: () => boolean): Hono {
  return new Hono().get('/', (c) => (isHealthy() ? c.json({ status: 'ok' }) : c.json({ status: 'unavailable', reason: 'database' }, 503)));
}
