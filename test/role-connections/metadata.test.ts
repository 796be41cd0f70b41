// The Linked Roles fields and the values pushed for a member.

import { describe, expect, it } from 'vitest';
import { clearedConnection, ROLE_CONNECTION_METADATA, roleConnectionFor } from '../../src/role-connections/metadata.js';

describe('Linked Roles metadata', () => {
  it('registers at most Discord’s five fields, each within Discord’s limits', () => {
    expect(ROLE_CONNECTION_METADATA.length).toBeLessThanOrEqual(5);
    expect(ROLE_CONNECTION_METADATA.map((f) => f.key)).toEqual(['linked', 'followers', 'account_age', 'posts', 'verified']);
    for (const field of ROLE_CONNECTION_METADATA) {
      expect(field.key).toMatch(/^[a-z0-9_]{1,50}$/);
      expect(field.name.length).toBeLessThanOrEqual(100);
      expect(field.description.length).toBeLessThanOrEqual(200);
      expect(field.type).toBeGreaterThanOrEqual(1);
      expect(field.type).toBeLessThanOrEqual(8);
    }
  });

  it('pushes what X said as Discord’s strings: counts, an ISO date, 1/0', () => {
    const connection = roleConnectionFor('ada', {
      id: '1',
      name: 'Ada',
      username: 'ada',
      created_at: '2019-03-01T10:00:00Z',
      verified: true,
      public_metrics: { followers_count: 0, tweet_count: 12 },
    });
    expect(connection).toEqual({
      platform_name: 'X',
      platform_username: '@ada',
      metadata: { linked: '1', followers: '0', posts: '12', account_age: '2019-03-01T10:00:00.000Z', verified: '1' },
    });
  });

  it('leaves out what X did not send, so a requirement on it is not met by a made-up value', () => {
    expect(roleConnectionFor('ada', { id: '1', name: 'Ada', username: 'ada', created_at: 'not a date' }).metadata).toEqual({ linked: '1' });
    expect(roleConnectionFor('ada', undefined).metadata).toEqual({ linked: '1' });
  });

  it('clears to "not linked"', () => {
    expect(clearedConnection()).toEqual({ platform_name: 'X', metadata: { linked: '0' } });
  });
});
