import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/twitter/ids.js';

describe('compareIds', () => {
  it('compares ids beyond 2^53 exactly', () => {
    expect(compareIds('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareIds('10000000000000000000', '9999999999999999999')).toBeGreaterThan(0);
    expect(compareIds('1456789012345678901', '1456789012345678901')).toBe(0);
  });
});
