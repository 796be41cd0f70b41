// The HTTP interactions door: Discord POSTs each interaction to us and the
// first answer goes back in the HTTP response; everything after that goes
// through the interaction webhook.

import { type APIInteractionResponse, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import type { AutocompleteDispatch, ComponentDispatch, Dispatch } from '../commands/dispatch.js';
import { messageBody } from '../discord-api/message-body.js';
import type { InteractionWebhooks } from '../discord-api/webhooks.js';
import type { AckPriority } from '../interaction/ack-priority.js';
import { placeOf } from '../interaction/place.js';
import type { ReplayGuard } from '../interaction/stores.js';
import type { Logger } from '../log/logger.js';
import {
  type AutocompletePayload,
  autocompletePayload,
  type CommandPayload,
  type ComponentPayload,
  commandPayload,
  componentPayload,
  pingPayload,
} from './interaction-payload.js';
import { focusedOption, parseOptions } from './options.js';
import type { InteractionTransport } from './responder.js';
import { type ComponentInput, type ComponentTransport, runComponent } from './run-component.js';
import { ACK_DEADLINE_MS, type InteractionInput, runInteraction } from './run-interaction.js';

export interface HttpDoorDeps {
  dispatch: Dispatch;
  autocomplete: AutocompleteDispatch;
  /** Button presses (interaction type 3). */
  press: ComponentDispatch;
  /** Told when an interaction arrives and when its first answer is ready, so background work yields to acks. */
  acks?: Pick<AckPriority, 'begin' | 'end'>;
  webhooks: InteractionWebhooks;
  replays: ReplayGuard;
  now: () => number;
  log: Logger;
  ackDeadlineMs?: number;
}

export type HttpDoorResult = { status: 200; body: APIInteractionResponse } | { status: 400 | 409; body: { error: string } };

/** Who sent an interaction, from where, and its token: the same for a command and a press. */
function origin(payload: CommandPayload | ComponentPayload) {
  const user = payload.member?.user ?? payload.user;
  if (!user) throw new TypeError('the payload schema guarantees a user');
  return {
    user: { id: user.id, username: user.username, globalName: user.global_name ?? null },
    ...placeOf({
      guildId: payload.guild_id ?? null,
      context: payload.context ?? null,
      guildInstallOwner: payload.authorizing_integration_owners?.['0'] ?? null,
      ownersKnown: payload.authorizing_integration_owners !== undefined,
    }),
    locale: payload.locale ?? null,
    guildLocale: payload.guild_locale ?? null,
    channelId: payload.channel?.id ?? payload.channel_id ?? null,
    memberPermissions: payload.member ? BigInt(payload.member.permissions) : null,
    appPermissions: payload.app_permissions ? BigInt(payload.app_permissions) : null,
    interactionToken: payload.token,
  };
}

export function inputFromPayload(payload: CommandPayload): InteractionInput {
  return { ...origin(payload), commandName: payload.data.name, options: parseOptions(payload.data.options) };
}

/**
 * Suggestions for a member typing into an option. Not run through the replay
 * guard: every keystroke is an interaction, suggestions change nothing, and
 * a replayed one would only be shown the same list again.
 */
async function answerAutocomplete(payload: AutocompletePayload, deps: HttpDoorDeps): Promise<HttpDoorResult> {
  const user = payload.member?.user ?? payload.user;
  const focused = focusedOption(payload.data.options);
  if (!user || !focused) return { status: 400, body: { error: 'an autocomplete interaction names its user and focused option' } };
  const choices = await deps.autocomplete({
    commandName: payload.data.name,
    user: { id: user.id, username: user.username, globalName: user.global_name ?? null },
    guildId: placeOf({
      guildId: payload.guild_id ?? null,
      context: payload.context ?? null,
      guildInstallOwner: payload.authorizing_integration_owners?.['0'] ?? null,
      ownersKnown: payload.authorizing_integration_owners !== undefined,
    }).guildId,
    locale: payload.locale ?? null,
    options: parseOptions(payload.data.options),
    focused,
  });
  return { status: 200, body: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } } };
}

/** Handles one verified interaction payload; resolves with the HTTP answer Discord awaits. */
export async function handleInteractionPayload(raw: unknown, deps: HttpDoorDeps): Promise<HttpDoorResult> {
  if (pingPayload.safeParse(raw).success) return { status: 200, body: { type: InteractionResponseType.Pong } };
  // One schema per payload, picked by its type: trying the autocomplete schema first would parse every command twice.
  if ((raw as { type?: unknown } | null)?.type === 4) {
    const typing = autocompletePayload.safeParse(raw);
    return typing.success ? answerAutocomplete(typing.data, deps) : { status: 400, body: { error: 'malformed autocomplete interaction' } };
  }
  const isPress = (raw as { type?: unknown } | null)?.type === 3;
  const parsed = isPress ? componentPayload.safeParse(raw) : commandPayload.safeParse(raw);
  if (!parsed.success) return { status: 400, body: { error: 'unsupported or malformed interaction' } };
  const payload = parsed.data;
  // Presses as commands: a replayed press is refused before anything runs.
  if (!(await deps.replays.firstSeen(payload.id))) {
    deps.log.warn('replayed interaction refused', { interactionId: payload.id });
    return { status: 409, body: { error: 'interaction already handled' } };
  }

  const first = firstAnswer(payload.token, deps);
  if (payload.type === 3) {
    void runComponent(componentInput(payload), first.transport, deps.press, deps.log, deps.ackDeadlineMs ?? ACK_DEADLINE_MS);
  } else {
    void runInteraction(inputFromPayload(payload), first.transport, deps.dispatch, deps.log, deps.ackDeadlineMs ?? ACK_DEADLINE_MS);
  }
  return { status: 200, body: await first.initial };
}

/**
 * The first answer goes back in the HTTP response (whichever kind the handler
 * chooses); everything after it through the interaction webhook, once Discord
 * has the first answer.
 */
function firstAnswer(
  token: string,
  deps: HttpDoorDeps,
): { initial: Promise<APIInteractionResponse>; transport: ComponentTransport & InteractionTransport } {
  let answer!: (body: APIInteractionResponse) => void;
  const initial = new Promise<APIInteractionResponse>((resolve) => (answer = resolve));
  // Edits must wait until Discord has our first answer, or the webhook is unknown.
  const afterInitial = () => initial.then(() => new Promise((r) => setImmediate(r)));
  const defer = (ephemeral: boolean) =>
    answer({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    });
  const transport: ComponentTransport & InteractionTransport = {
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
    async update(message) {
      if (message.files?.length) {
        answer({ type: InteractionResponseType.DeferredMessageUpdate });
        return transport.editOriginal(message);
      }
      answer({ type: InteractionResponseType.UpdateMessage, data: messageBody(message).body });
    },
    async deferUpdate() {
      answer({ type: InteractionResponseType.DeferredMessageUpdate });
    },
    async editOriginal(message) {
      await afterInitial();
      await deps.webhooks.editOriginal(token, message);
    },
    async followUp(message) {
      await afterInitial();
      await deps.webhooks.followUp(token, message);
    },
  };
  return { initial, transport };
}

function componentInput(payload: ComponentPayload): ComponentInput {
  return { ...origin(payload), customId: payload.data.custom_id };
}
