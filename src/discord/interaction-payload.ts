// The shape of the interaction payloads the HTTP door accepts, checked before
// any field is used. A valid signature proves Discord sent the bytes, not that
// every field is what the code expects, and a shape error must be a 400, never
// a 500. Options are described to a fixed depth (group → subcommand → value),
// so a payload nested thousands deep is refused without being walked.

import { z } from 'zod';

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

export const pingPayload = z.object({ type: z.literal(1) });

/** A slash command (type 2) or a member typing into one of its autocomplete options (type 4): the same shape. */
const interactionPayload = <T extends 2 | 4>(type: T) =>
  z
    .object({
      id: snowflake,
      type: z.literal(type),
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

export const commandPayload = interactionPayload(2);
export const autocompletePayload = interactionPayload(4);

export type CommandPayload = z.infer<typeof commandPayload>;
export type AutocompletePayload = z.infer<typeof autocompletePayload>;

/**
 * A button press (type 3). Only buttons are handled; the custom id is
 * bounded as Discord bounds it and is treated as untrusted text.
 */
export const componentPayload = z
  .object({
    id: snowflake,
    type: z.literal(3),
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
    data: z.object({ custom_id: z.string().min(1).max(100), component_type: z.literal(2) }),
  })
  .refine((p) => (p.member?.user ?? p.user) !== undefined, { message: 'an interaction names its user' });

export type ComponentPayload = z.infer<typeof componentPayload>;
