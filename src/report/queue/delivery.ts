// Delivering a finished report. A report the member waited for is not lost
// to one refusal: Discord refusing the message itself (400) gets the same
// report as plain text; an interaction token Discord no longer takes (401,
// 404, "Unknown Webhook" past every retry, or simply expired) gets it by
// direct message; and if the member takes no direct messages from the bot,
// the run is marked, and their next command tells them it is ready to make
// again from what is stored.

import { type InteractionWebhooks, WebhookError } from '../../discord-api/webhooks.js';
import { type BotMessage, type CommandContext, INTERACTION_TOKEN_LIFETIME_MS } from '../../interaction/contract.js';
import type { Logger } from '../../log/logger.js';
import { textFor } from '../../text/catalog.js';
import { asLayout, layoutText, textLayout } from '../layout/text-layout.js';
import type { ReportRunStore } from '../stores.js';

/** Discord's limit on a message's content. */
const CONTENT_LIMIT = 2000;
/** Discord's limit on the text of a Components V2 message, all text displays together. */
const LAYOUT_TEXT_LIMIT = 4000;

export interface DeliveryDeps {
  webhooks: InteractionWebhooks;
  /** The bot's own channel to the member (POST /users/@me/channels, then the message); absent: none. */
  directMessage?: (discordUserId: string, message: BotMessage) => Promise<void>;
  runs: Pick<ReportRunStore, 'markUndelivered' | 'takeUndelivered'>;
  now: () => number;
  log: Logger;
}

export interface DeliveryTarget {
  runId: number;
  discordUserId: string;
  locale: string | null;
  startedAt: number;
  days: number;
  interactionToken: string;
}

export type Delivered = 'edited' | 'as-text' | 'direct-message' | 'noted';

export async function deliverReport(deps: DeliveryDeps, to: DeliveryTarget, message: BotMessage): Promise<Delivered> {
  const { webhooks, log } = deps;
  const t = textFor(to.locale);
  const context = { runId: to.runId, discordUserId: to.discordUserId };
  let sending = message;
  if (deps.now() < to.startedAt + INTERACTION_TOKEN_LIFETIME_MS) {
    try {
      await webhooks.editOriginal(to.interactionToken, sending);
      await deps.runs.takeUndelivered(to.discordUserId).catch(() => undefined); // an older one's note is moot now
      return 'edited';
    } catch (err) {
      if (!(err instanceof WebhookError && err.status === 400)) {
        log.warn('could not deliver a report in its reply; trying a direct message', { ...context, error: err });
      } else {
        // Our payload broke one of Discord's rules: a bug to fix, named as Discord named it.
        log.error('Discord refused a report’s message; sending it as plain text', {
          ...context,
          status: err.status,
          code: err.code,
          discord: err.message,
          fields: err.named,
        });
        sending = asPlainText(message, t.report.deliveredAsText);
        try {
          await webhooks.editOriginal(to.interactionToken, sending);
          return 'as-text';
        } catch (again) {
          log.warn('could not deliver a report as plain text either; trying a direct message', { ...context, error: again });
        }
      }
    }
  }
  if (deps.directMessage) {
    try {
      const lead = t.report.deliveredByDirectMessage(to.days, to.startedAt);
      await deps.directMessage(to.discordUserId, withLead(sending, lead));
      return 'direct-message';
    } catch (err) {
      log.warn('could not send a report by direct message; the member’s next command will say so', { ...context, error: err });
    }
  }
  await deps.runs.markUndelivered(to.runId, deps.now());
  return 'noted';
}

/**
 * The report as text alone, within Discord's limits. A Components V2 report stays V2 (the reply it replaces may
 * be V2 already, and a V2 message never goes back to plain content), but as one text display, without its chart.
 */
export function asPlainText(message: BotMessage, lead: string): BotMessage {
  if (message.layout) return textLayout(clip([lead, layoutText(message.layout)].join('\n\n'), LAYOUT_TEXT_LIMIT));
  const parts: Array<string | undefined> = [lead, message.content];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title && `**${embed.title}**`, embed.description);
    for (const field of embed.fields ?? []) parts.push(`**${field.name}**\n${field.value}`);
    parts.push(embed.footer?.text && `_${embed.footer.text}_`);
  }
  return { content: clip(parts.filter(Boolean).join('\n\n')), embeds: [], files: [], components: [] };
}

function clip(text: string, limit = CONTENT_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The message with `lead` said first: a text display of its own in a V2 message, a paragraph of its content otherwise. */
function withLead(message: BotMessage, lead: string): BotMessage {
  if (message.layout) return asLayout(message, lead);
  return { ...message, content: clip([lead, message.content].filter(Boolean).join('\n\n')) };
}

/**
 * A command's context whose first private answer (an ephemeral reply, or the
 * edit after an ephemeral defer) opens with the note of a report the member
 * never got, if there is one. The note is taken only then, so a public answer
 * never shows it and it is said once, whichever replica answers.
 */
export function withUndeliveredNote(
  ctx: CommandContext,
  notes: { takeUndeliveredNote(discordUserId: string, locale: string | null): Promise<string | null> },
): CommandContext {
  let privateDefer = false;
  let asked = false;
  const noted = async (message: BotMessage, isPrivate: boolean): Promise<BotMessage> => {
    if (asked || !isPrivate) return message;
    asked = true;
    const note = await notes.takeUndeliveredNote(ctx.user.id, ctx.locale).catch(() => null);
    return note ? withLead(message, note) : message;
  };
  return {
    ...ctx,
    reply: async (message) => ctx.reply(await noted(message, message.ephemeral === true || privateDefer)),
    defer: (options) => {
      privateDefer = options?.ephemeral === true;
      return ctx.defer(options);
    },
    edit: async (message) => ctx.edit(await noted(message, privateDefer)),
  };
}
