import { describe, expect, it, vi } from 'vitest';
import { batchedStdout, createLogger } from '../../src/log/logger.js';

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

  it('logs errors with their stack, own fields and cause, so a failure says where it happened', () => {
    const lines: string[] = [];
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const error = Object.assign(new Error('boom', { cause }), { status: 503, token: 'never-written' });
    createLogger('info', (l) => lines.push(l)).error('failed', { error });
    const logged = JSON.parse(lines[0]!).error;
    expect(logged).toMatchObject({ name: 'Error', message: 'boom', status: 503, token: '[redacted]' });
    expect(logged.stack).toMatch(/logger\.test\.ts:\d+/);
    expect(logged.cause).toMatchObject({ message: 'socket hang up', code: 'ECONNRESET' });
    expect(lines[0]).not.toContain('never-written');
  });

  it('redacts at every depth, and survives cycles', () => {
    const lines: string[] = [];
    let deep: Record<string, unknown> = { accessSecret: 'deep-secret' };
    for (let i = 0; i < 10; i++) deep = { level: deep, [`token${i}`]: `t${i}` };
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    createLogger('info', (l) => lines.push(l)).info('deep', { deep, loop });
    expect(lines[0]).not.toMatch(/deep-secret|"t\d"/);
    expect(JSON.parse(lines[0]!).loop.self).toBe('[circular]');
  });

  it('scrubs tokens carried inside text: Discord URLs, one-time links, OAuth parameters, request bodies', () => {
    const lines: string[] = [];
    const error = Object.assign(new Error('Interaction has already been acknowledged.'), {
      url: 'https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb246secret_part/callback?with_response=false',
      requestBody: { json: { content: 'https://bot.example/link/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } },
    });
    createLogger('info', (l) => lines.push(l)).error('failed', {
      error,
      path: '/twitter/callback?oauth_token=rt-1&oauth_verifier=v-2',
      link: 'https://bot.example/link/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
    });
    expect(lines[0]).not.toMatch(/secret_part|AAAAAAAA|BBBBBBBB|rt-1|v-2/);
    expect(lines[0]).toContain('/interactions/123/[redacted]/callback');
  });
});

describe('batched standard output', () => {
  it('writes the lines of one turn of the event loop in one write, in order', async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const write = batchedStdout();
      write('{"n":1}');
      write('{"n":2}');
      expect(writes).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      write('{"n":3}');
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n']);
    } finally {
      spy.mockRestore();
    }
  });
});
