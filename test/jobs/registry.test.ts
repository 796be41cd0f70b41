// The job registry: jobs start in the order registered and stop in reverse;
// one that throws on start or stop is logged and the others carry on; a stop
// during start leaves nothing running.

import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../src/jobs/registry.js';
import { createLogger } from '../../src/log/logger.js';

function registry() {
  const logs: string[] = [];
  return { jobs: new JobRegistry(createLogger('debug', (line) => logs.push(line))), logs };
}

describe('JobRegistry', () => {
  it('starts jobs in order, awaiting each, and stops them in reverse order', async () => {
    const { jobs } = registry();
    const trace: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      jobs.add(name, async () => {
        trace.push(`start ${name}`);
        await new Promise((r) => setImmediate(r));
        trace.push(`started ${name}`);
        return async () => {
          trace.push(`stop ${name}`);
          await new Promise((r) => setImmediate(r));
          trace.push(`stopped ${name}`);
        };
      });
    }
    expect(jobs.names).toEqual(['a', 'b', 'c']);
    await jobs.start();
    expect(trace).toEqual(['start a', 'started a', 'start b', 'started b', 'start c', 'started c']);
    trace.length = 0;
    await jobs.stop();
    expect(trace).toEqual(['stop c', 'stopped c', 'stop b', 'stopped b', 'stop a', 'stopped a']);
  });

  it('logs a job that throws on start, starts the rest, and stops only those started', async () => {
    const { jobs, logs } = registry();
    const trace: string[] = [];
    jobs.add('first', () => () => void trace.push('stop first'));
    jobs.add('broken', () => {
      throw new Error('sweep exploded');
    });
    jobs.add('async broken', async () => {
      await Promise.resolve();
      throw new Error('async exploded');
    });
    jobs.add('last', () => {
      trace.push('start last');
      return () => void trace.push('stop last');
    });
    await expect(jobs.start()).resolves.toBeUndefined();
    expect(trace).toEqual(['start last']);
    expect(logs.filter((l) => l.includes('background job broken failed to start') && l.includes('sweep exploded'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('background job async broken failed to start') && l.includes('async exploded'))).toHaveLength(1);
    await jobs.stop();
    expect(trace).toEqual(['start last', 'stop last', 'stop first']);
  });

  it('logs a job that throws on stop and still stops the ones started before it', async () => {
    const { jobs, logs } = registry();
    const trace: string[] = [];
    jobs.add('first', () => () => void trace.push('stop first'));
    jobs.add('stubborn', () => () => {
      throw new Error('will not stop');
    });
    await jobs.start();
    await expect(jobs.stop()).resolves.toBeUndefined();
    expect(trace).toEqual(['stop first']);
    expect(logs.some((l) => l.includes('background job stubborn failed to stop') && l.includes('will not stop'))).toBe(true);
  });

  it('a job with nothing to stop is skipped at stop; start and stop are each effective once', async () => {
    const { jobs } = registry();
    let starts = 0;
    let stops = 0;
    jobs.add('once', () => {
      starts++;
      return () => void stops++;
    });
    jobs.add('no stop', () => undefined);
    await jobs.start();
    await jobs.start();
    await jobs.stop();
    await jobs.stop();
    expect({ starts, stops }).toEqual({ starts: 1, stops: 1 });
  });

  it('a stop while a job is starting stops it as soon as it has started, and starts no later job', async () => {
    const { jobs } = registry();
    const trace: string[] = [];
    let release!: () => void;
    jobs.add('slow', async () => {
      await new Promise<void>((r) => {
        release = r;
      });
      return () => void trace.push('stop slow');
    });
    jobs.add('later', () => {
      trace.push('start later');
      return () => void trace.push('stop later');
    });
    const starting = jobs.start();
    await new Promise((r) => setImmediate(r));
    await jobs.stop(); // nothing has finished starting yet
    release();
    await starting;
    expect(trace).toEqual(['stop slow']);
  });

  it('refuses a job registered after the start', async () => {
    const { jobs } = registry();
    await jobs.start();
    expect(() => jobs.add('late', () => undefined)).toThrow(/after the jobs started/);
  });
});
