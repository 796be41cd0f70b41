// The hand-written payload shapes against the zod schema they replaced, kept
// here as the independent reference: on valid payloads of every kind and on
// thousands of seeded mutations of them (keys dropped, values of the wrong
// type, size (emoji and lone surrogates included) or depth), both accept and refuse the same payloads, and what
// they accept comes out the same.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as ours from '../../src/discord/interaction-payload.js';
import { commandPayload as command, componentPayload as component } from '../support/discord-payloads.js';

// ---- the reference: the schema as it stood before (zod) ----
const snowflake = z.string().regex(/^\d{1,20}$/);
/** Permission bitfields are decimal strings of up to 64 bits. */
const bitfield = z.string().regex(/^\d{1,20}$/);
const name = z.string().min(1).max(32);

const user = z.object({
  id: snowflake,
  username: z.string().min(1).max(64),
  global_name: z.string().max(64).nullish(),
});

const valueOption = z.object({
  name,
  type: z.number().int().min(3).max(11),
  value: z.union([z.string().max(6000), z.number().finite(), z.boolean()]).optional(),
  focused: z.boolean().optional(),
});
const subcommandOption = z.object({ name, type: z.literal(1), options: z.array(valueOption).max(25).optional() });
const groupOption = z.object({ name, type: z.literal(2), options: z.array(subcommandOption).max(25).optional() });

/** Who installed the bot for this interaction: "0" the server (its id), "1" the member (their id). */
const owners = z.object({ '0': snowflake.optional(), '1': snowflake.optional() });
/** 0 a server, 1 the bot's DM, 2 another DM or group DM. */
const context = z.number().int().min(0).max(2).optional();

const pingPayload = z.object({ type: z.literal(1) });

/** What a command, an autocomplete and a press share (the old schema spelled it out in each). */
const shared = {
  id: snowflake,
  token: z.string().min(1).max(1000),
  locale: z.string().max(16).optional(),
  guild_locale: z.string().max(16).optional(),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake }).optional(),
  member: z.object({ user, permissions: bitfield }).optional(),
  user: user.optional(),
  app_permissions: bitfield.optional(),
  context,
  authorizing_integration_owners: owners.optional(),
};

/** A slash command (type 2) or a member typing into one of its autocomplete options (type 4): the same shape. */
const interactionPayload = <T extends 2 | 4>(type: T) =>
  z
    .object({
      ...shared,
      type: z.literal(type),
      data: z.object({
        name,
        type: z.literal(1),
        options: z
          .array(z.union([valueOption, subcommandOption, groupOption]))
          .max(25)
          .optional(),
      }),
    })
    .refine((p) => (p.member?.user ?? p.user) !== undefined, { message: 'an interaction names its user' });

const commandPayload = interactionPayload(2);
const autocompletePayload = interactionPayload(4);

/** A button press (type 3). */
const componentPayload = z
  .object({ ...shared, type: z.literal(3), data: z.object({ custom_id: z.string().min(1).max(100), component_type: z.literal(2) }) })
  .refine((p) => (p.member?.user ?? p.user) !== undefined, { message: 'an interaction names its user' });

// ---- generated payloads ----

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const valueOptions = [
  { name: 'days', type: 4, value: 90 },
  { name: 'public', type: 5, value: true },
  { name: 'timezone', type: 3, value: 'Asia/Tokyo', focused: true },
];
const seeds: Array<Record<string, unknown>> = [
  { ...command({ name: 'report', options: valueOptions }) },
  { ...command({ name: 'report', dm: true, options: [] }), type: 4 },
  { ...command({ name: 'twitter-admin', userInstalled: 'server', options: [{ name: 'leaderboard', type: 1, options: valueOptions }] }) },
  {
    ...command({
      name: 'twitter-admin',
      userInstalled: 'private-channel',
      options: [{ name: 'digest', type: 2, options: [{ name: 'on', type: 1, options: valueOptions }] }],
    }),
  },
  { ...command({ name: 'link-twitter', member: { globalName: null } }) },
  { ...component({ customId: 'report:v1:abc' }) },
  { ...component({ customId: 'x', dm: true }) },
  { type: 1 },
];

const oddValues: unknown[] = [
  null,
  0,
  -1,
  1,
  2,
  3,
  4,
  11,
  12,
  1.5,
  Number.MAX_SAFE_INTEGER,
  '',
  '0',
  '12345678901234567890',
  '123456789012345678901',
  'abc',
  'x'.repeat(16),
  'x'.repeat(17),
  'x'.repeat(32),
  'x'.repeat(33),
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(1000),
  'x'.repeat(1001),
  'x'.repeat(6000),
  'x'.repeat(6001),
  true,
  false,
  [],
  [1],
  {},
  { id: '1' },
  { user: {} },
  Array.from({ length: 26 }, () => ({ name: 'a', type: 3 })),
  // Characters of two UTF-16 units (counted once), and lone halves of one (counted once each).
  '😀'.repeat(16),
  '😀'.repeat(32),
  '😀'.repeat(33),
  `${'😀'.repeat(16)}a`,
  `${'😀'.repeat(50)}x`.repeat(2),
  '😀'.repeat(3000),
  '😀'.repeat(3001),
  '😀',
  '\ud83d',
  '\ud83d'.repeat(17),
  `a${'\ude00'.repeat(32)}`,
];

/** Every path to a value inside `v`. */
function paths(v: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof v !== 'object' || v === null) return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}

function mutate(payload: Record<string, unknown>, rnd: () => number): unknown {
  const copy = structuredClone(payload);
  for (let n = 1 + Math.floor(rnd() * 2); n > 0; n--) {
    // Paths afresh each time: the mutation before may have removed or replaced some.
    const all = paths(copy).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const path = all[Math.floor(rnd() * all.length)]!;
    let parent = copy as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (rnd() < 0.25 && !Array.isArray(parent)) delete parent[key];
    else parent[key] = structuredClone(oddValues[Math.floor(rnd() * oddValues.length)]);
  }
  return copy;
}

const references = [pingPayload, commandPayload, autocompletePayload, componentPayload];
const shapes = [ours.pingPayload, ours.commandPayload, ours.autocompletePayload, ours.componentPayload];

function agree(payload: unknown): void {
  references.forEach((reference, i) => {
    const expected = reference.safeParse(payload);
    const got = shapes[i]!.safeParse(payload);
    expect({ shape: i, success: got.success }).toEqual({ shape: i, success: expected.success });
    if (expected.success && got.success) expect(got.data).toEqual(expected.data);
  });
}

describe('interaction payload shapes', () => {
  it('accept every kind of valid payload as the schema did, keeping only the known fields', () => {
    for (const seed of seeds) agree(seed);
    const parsed = ours.commandPayload.safeParse(seeds[0]);
    expect(parsed.success && 'guild' in parsed.data).toBe(false);
    expect(parsed.success && parsed.data.data.options).toEqual(valueOptions);
  });

  it('agree with the schema on 8,000 seeded mutations', () => {
    const rnd = random(28);
    let refused = 0;
    for (let i = 0; i < 8000; i++) {
      const payload = mutate(seeds[i % seeds.length]!, rnd);
      agree(payload);
      if (!commandPayload.safeParse(payload).success) refused++;
    }
    // The mutations reach both sides of the line.
    expect(refused).toBeGreaterThan(2000);
    expect(refused).toBeLessThan(8000);
  });

  it('refuse what is not an object, and options nested past a group', () => {
    for (const junk of [null, 'x', 1, [], [{}]]) agree(junk);
    const deep = {
      ...seeds[3],
      data: {
        name: 'a',
        type: 1,
        options: [{ name: 'g', type: 2, options: [{ name: 's', type: 1, options: [{ name: 'g2', type: 2, options: [] }] }] }],
      },
    };
    agree(deep);
    expect(ours.commandPayload.safeParse(deep).success).toBe(false);
  });
});
