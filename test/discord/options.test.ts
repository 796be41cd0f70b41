import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/discord/options.js';

describe('parseOptions', () => {
  it('flattens a subcommand group, its subcommand and their values', () => {
    const options = parseOptions([
      {
        name: 'reports',
        type: 2,
        options: [{ name: 'visibility', type: 1, options: [{ name: 'visibility', type: 3, value: 'public-allowed' }] }],
      },
    ]);
    expect(options.subcommandGroup).toBe('reports');
    expect(options.subcommand).toBe('visibility');
    expect(options.string('visibility')).toBe('public-allowed');
  });

  it('reads each value only as its own type', () => {
    const options = parseOptions([
      { name: 'days', type: 4, value: 30 },
      { name: 'public', type: 5, value: true },
      { name: 'timezone', type: 3, value: 'Europe/Berlin' },
    ]);
    expect(options.integer('days')).toBe(30);
    expect(options.string('days')).toBeUndefined();
    expect(options.boolean('public')).toBe(true);
    expect(options.integer('timezone')).toBeUndefined();
    expect(options.get('missing')).toBeUndefined();
    expect(options.subcommand).toBeNull();
  });

  it('ignores values of no usable type, and no options at all', () => {
    expect(parseOptions([{ name: 'x', type: 3, value: { nested: true } }]).get('x')).toBeUndefined();
    expect(parseOptions(undefined).subcommandGroup).toBeNull();
  });
});
