// The HTTP interactions door: Discord POSTs each interaction to us and the
// first answer goes back in the HTTP response; everything after that goes
// through the interaction webhook.

import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { Dispatch } from '../commands/dispatch.js';
import { parseOptions, type RawOption } from '../commands/options.js';
import type { InteractionTransport } from '../commands/responder.js';
import type { Logger } from '../log/logger.js';
import { messageBody } from './message-body.js';
import { ACK_DEADLINE_MS, runInteraction, type InteractionFacts } from './run-interaction.js';
import type { InteractionWebhooks } from './webhooks.js';

export interface HttpDoorDeps {
  dispatch: Dispatch;
  webhooks: InteractionWebhooks;
  log: Logger;
  ackDeadlineMs?: number;
}

export type HttpDoorResult = { status: 200; body: APIInteractionResponse } | { status: 400; body: { error: string } };

export function isChatInputCommand(payload: unknown): payload is APIChatInputApplicationCommandInteraction {
  const p = payload as Partial<APIChatInputApplicationCommandInteraction> | null;
  return (
    p?.type === InteractionType.ApplicationCommand &&
    p.data?.type === ApplicationCommandType.ChatInput &&
    typeof p.data.name === 'string' &&
    typeof p.token === 'string' &&
    typeof (p.member?.user ?? p.user)?.id === 'string'
  );
}

export function factsFromPayload(payload: APIChatInputApplicationCommandInteraction): InteractionFacts {
  const user = payload.member?.user ?? payload.user!;
  return {
    commandName: payload.data.name,
    user: { id: user.id, username: user.username, globalName: user.global_name ?? null },
    guildId: payload.guild_id ?? null,
    channelId: payload.channel?.id ?? payload.channel_id ?? null,
    memberPermissions: payload.member?.permissions ? BigInt(payload.member.permissions) : null,
    appPermissions: payload.app_permissions ? BigInt(payload.app_permissions) : null,
    options: parseOptions(payload.data.options as readonly RawOption[] | undefined),
    interactionToken: payload.token,
  };
}

/** Handles one verified interaction payload; resolves with the HTTP answer Discord awaits. */
export async function handleInteractionPayload(payload: unknown, deps: HttpDoorDeps): Promise<HttpDoorResult> {
  const type = (payload as { type?: unknown } | null)?.type;
  if (type === InteractionType.Ping) return { status: 200, body: { type: InteractionResponseType.Pong } };
  if (!isChatInputCommand(payload)) return { status: 400, body: { error: 'unsupported interaction' } };

  const token = payload.token;
  let answer!: (body: APIInteractionResponse) => void;
  const initial = new Promise<APIInteractionResponse>((resolve) => (answer = resolve));
  // Edits must wait until Discord has our first answer, or the webhook is unknown.
  const afterInitial = () => initial.then(() => new Promise((r) => setImmediate(r)));
  const defer = (ephemeral: boolean) =>
    answer({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    });

  const transport: InteractionTransport = {
    async respond(message) {
      if (message.files?.length) {
        // Attachments need multipart; acknowledge now and attach them with the edit.
        defer(message.ephemeral ?? false);
        return transport.editOriginal(message);
      }
      answer({ type: InteractionResponseType.ChannelMessageWithSource, data: messageBody(message).body });
    },
    async defer(ephemeral) {
      defer(ephemeral);
    },
    async editOriginal(message) {
      await afterInitial();
      await deps.webhooks.editOriginal(token, message);
    },
  };

  void runInteraction(factsFromPayload(payload), transport, deps.dispatch, deps.log, deps.ackDeadlineMs ?? ACK_DEADLINE_MS);
  return { status: 200, body: await initial };
}
