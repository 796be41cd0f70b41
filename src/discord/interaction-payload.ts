// The shape of the interaction payloads the HTTP door accepts, checked before
// any field is used. A valid signature proves Discord sent the bytes, not that
// every field is what the code expects, and a shape error must be a 400, never
// a 500. Options are described to a fixed depth (group → subcommand → value),
// so a payload nested thousands deep is refused without being walked.
//
// Written out by hand rather than as a schema: every interaction passes here
// on the way to its ack, and in a burst a schema library's parse was about a
// tenth of each ack's time on the event loop. What comes out holds the fields
// below and nothing else, whatever else the payload carried.

type Parsed<T> = { success: true; data: T } | { success: false };
interface Shape<T> {
  safeParse(raw: unknown): Parsed<T>;
}

interface PayloadUser {
  id: string;
  username: string;
  global_name?: string | null;
}

interface ValueOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
}
interface SubcommandOption {
  name: string;
  type: 1;
  options?: ValueOption[];
}
interface GroupOption {
  name: string;
  type: 2;
  options?: SubcommandOption[];
}

/** What a command, an autocomplete and a press share: who, where, and the token. */
interface PayloadBase<T extends number> {
  id: string;
  type: T;
  token: string;
  locale?: string;
  guild_locale?: string;
  guild_id?: string;
  channel_id?: string;
  channel?: { id: string };
  member?: { user: PayloadUser; permissions: string };
  user?: PayloadUser;
  app_permissions?: string;
  /** 0 a server, 1 the bot's DM, 2 another DM or group DM. */
  context?: number;
  /** Who installed the bot for this interaction: "0" the server (its id), "1" the member (their id). */
  authorizing_integration_owners?: { '0'?: string; '1'?: string };
}

/** A slash command (type 2) or a member typing into one of its autocomplete options (type 4): the same shape. */
export interface CommandPayload extends PayloadBase<2> {
  data: { name: string; type: 1; options?: Array<ValueOption | SubcommandOption | GroupOption> };
}
export interface AutocompletePayload extends PayloadBase<4> {
  data: CommandPayload['data'];
}
/** A button press (type 3). Only buttons are handled; the custom id is bounded as Discord bounds it and is untrusted text. */
export interface ComponentPayload extends PayloadBase<3> {
  data: { custom_id: string; component_type: 2 };
}

/** Thrown inside a parse, caught at its edge: the payload is malformed. */
const MALFORMED = Symbol('malformed');

function fail(): never {
  throw MALFORMED;
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : fail();
}

/**
 * A string of `min` to `max` characters, counted as code points (an emoji is
 * one, as Discord counts it). A code point is one or two UTF-16 units, so only
 * a string over `max` units, or under twice `min`, needs counting.
 */
function text(v: unknown, min: number, max: number): string {
  if (typeof v !== 'string') fail();
  const units = v.length;
  const length = units > max || (units >= min && units < min * 2) ? codePoints(v) : units;
  return length >= min && length <= max ? v : fail();
}

/** Code points, a lone surrogate counting as one. */
function codePoints(v: string): number {
  let count = 0;
  for (const _ of v) count++;
  return count;
}

const DIGITS = /^\d{1,20}$/;
/** Snowflakes, and permission bitfields (decimal strings of up to 64 bits). */
function digits(v: unknown): string {
  return typeof v === 'string' && DIGITS.test(v) ? v : fail();
}

function integer(v: unknown, min: number, max: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail();
}

function literal<T>(v: unknown, expected: T): T {
  return v === expected ? expected : fail();
}

function boolean(v: unknown): boolean {
  return typeof v === 'boolean' ? v : fail();
}

/** Sets `key` on `out` when the payload has it: absent stays absent, as in the payload. */
function optional<T>(out: object, key: string, v: unknown, parse: (v: unknown) => T): void {
  if (v !== undefined) (out as Record<string, unknown>)[key] = parse(v);
}

function list<T>(v: unknown, max: number, parse: (v: unknown) => T): T[] {
  return Array.isArray(v) && v.length <= max ? v.map(parse) : fail();
}

const name = (v: unknown) => text(v, 1, 32);

function user(v: unknown): PayloadUser {
  const r = record(v);
  const out: PayloadUser = { id: digits(r.id), username: text(r.username, 1, 64) };
  if (r.global_name !== undefined) out.global_name = r.global_name === null ? null : text(r.global_name, 0, 64);
  return out;
}

function optionValue(v: unknown): string | number | boolean {
  if (typeof v === 'string') return text(v, 0, 6000);
  if (typeof v === 'number') return Number.isFinite(v) ? v : fail();
  return boolean(v);
}

function valueOption(r: Record<string, unknown>): ValueOption {
  const out: ValueOption = { name: name(r.name), type: integer(r.type, 3, 11) };
  optional(out, 'value', r.value, optionValue);
  optional(out, 'focused', r.focused, boolean);
  return out;
}

function subcommandOption(r: Record<string, unknown>): SubcommandOption {
  const out: SubcommandOption = { name: name(r.name), type: literal(r.type, 1) };
  optional(out, 'options', r.options, (v) => list(v, 25, (o) => valueOption(record(o))));
  return out;
}

function groupOption(r: Record<string, unknown>): GroupOption {
  const out: GroupOption = { name: name(r.name), type: literal(r.type, 2) };
  optional(out, 'options', r.options, (v) => list(v, 25, (o) => subcommandOption(record(o))));
  return out;
}

/** A top-level option: a group, a subcommand or a value, told apart by its type. */
function topOption(v: unknown): ValueOption | SubcommandOption | GroupOption {
  const r = record(v);
  if (r.type === 1) return subcommandOption(r);
  if (r.type === 2) return groupOption(r);
  return valueOption(r);
}

function owners(v: unknown): { '0'?: string; '1'?: string } {
  const r = record(v);
  const out: { '0'?: string; '1'?: string } = {};
  optional(out, '0', r['0'], digits);
  optional(out, '1', r['1'], digits);
  return out;
}

function member(v: unknown): { user: PayloadUser; permissions: string } {
  const r = record(v);
  return { user: user(r.user), permissions: digits(r.permissions) };
}

function base<T extends number>(r: Record<string, unknown>, type: T): PayloadBase<T> {
  const out: PayloadBase<T> = { id: digits(r.id), type: literal(r.type, type), token: text(r.token, 1, 1000) };
  optional(out, 'locale', r.locale, (v) => text(v, 0, 16));
  optional(out, 'guild_locale', r.guild_locale, (v) => text(v, 0, 16));
  optional(out, 'guild_id', r.guild_id, digits);
  optional(out, 'channel_id', r.channel_id, digits);
  optional(out, 'channel', r.channel, (v) => ({ id: digits(record(v).id) }));
  optional(out, 'member', r.member, member);
  optional(out, 'user', r.user, user);
  optional(out, 'app_permissions', r.app_permissions, digits);
  optional(out, 'context', r.context, (v) => integer(v, 0, 2));
  optional(out, 'authorizing_integration_owners', r.authorizing_integration_owners, owners);
  // Every interaction names its user: in a server as the member, elsewhere as the user.
  if ((out.member?.user ?? out.user) === undefined) fail();
  return out;
}

function commandData(v: unknown): CommandPayload['data'] {
  const r = record(v);
  const out: CommandPayload['data'] = { name: name(r.name), type: literal(r.type, 1) };
  optional(out, 'options', r.options, (o) => list(o, 25, topOption));
  return out;
}

function shape<T>(parse: (r: Record<string, unknown>) => T): Shape<T> {
  return {
    safeParse(raw) {
      try {
        return { success: true, data: parse(record(raw)) };
      } catch (err) {
        if (err === MALFORMED) return { success: false };
        throw err;
      }
    },
  };
}

export const pingPayload: Shape<{ type: 1 }> = shape((r) => ({ type: literal(r.type, 1) }));

export const commandPayload: Shape<CommandPayload> = shape((r) => ({ ...base(r, 2), data: commandData(r.data) }));

export const autocompletePayload: Shape<AutocompletePayload> = shape((r) => ({ ...base(r, 4), data: commandData(r.data) }));

export const componentPayload: Shape<ComponentPayload> = shape((r) => {
  const data = record(r.data);
  return { ...base(r, 3), data: { custom_id: text(data.custom_id, 1, 100), component_type: literal(data.component_type, 2) } };
});
