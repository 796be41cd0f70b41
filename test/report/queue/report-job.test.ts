// A stored job is read back from a row another replica (or an attacker with
// the database) may have written: anything not a job is refused.

import { describe, expect, it } from 'vitest';
import { decodeJob } from '../../../src/report/queue/report-job.js';

describe('a stored job that is no job', () => {
  it('is refused, whatever the row holds, so the run is let go rather than made from it', () => {
    expect(decodeJob('{')).toBeNull();
    expect(
      decodeJob(
        JSON.stringify({
          days: 30,
          timeZone: 'x'.repeat(100_000),
          public: false,
          refreshProfile: false,
          allowance: null,
          xUserId: '1',
          linkedAt: 0,
        }),
      ),
    ).toBeNull();
    expect(
      decodeJob(
        JSON.stringify({
          days: 30,
          timeZone: 'UTC',
          public: false,
          refreshProfile: false,
          allowance: null,
          xUserId: '1; drop table',
          linkedAt: 0,
        }),
      ),
    ).toBeNull();
    expect(decodeJob('null')).toBeNull();
    expect(decodeJob(null)).toBeNull();
    expect(
      decodeJob(
        JSON.stringify({ days: 30, timeZone: 'UTC', public: true, refreshProfile: false, allowance: 5, xUserId: '1', linkedAt: 7 }),
      ),
    ).toMatchObject({ days: 30, allowance: 5 });
  });
});
