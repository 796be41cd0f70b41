import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';

describe('logger', () => {
  it('writes JSON lines and redacts anything that looks like a credential', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l)).child({ component: 'test' });
    log.info('hello', { accessToken: 'abc', nested: { oauth_verifier: 'v', interactionToken: 't', ok: 1 }, consumerSecret: 's', id: 7n });
    log.debug('hidden');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      level: 'info',
      msg: 'hello',
      component: 'test',
      accessToken: '[redacted]',
      consumerSecret: '[redacted]',
      id: '7',
    });
    expect(record.nested).toEqual({ oauth_verifier: '[redacted]', interactionToken: '[redacted]', ok: 1 });
  });

  it('logs errors by name and message only', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).error('failed', { error: new Error('boom') });
    expect(JSON.parse(lines[0]!).error).toEqual({ name: 'Error', message: 'boom' });
  });
});
