// The Discord messages linking sends: their shape here, their sentences in
// the member's catalog.

import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { BotMessage } from '../interaction/contract.js';
import type { Catalog } from '../text/catalog.js';

export function linkOfferMessage(
  t: Catalog,
  url: string,
  expiresAt: number,
  existing: { xScreenName: string; status: 'active' | 'broken' } | undefined,
): BotMessage {
  const intro = !existing
    ? t.linking.offerNew
    : existing.status === 'broken'
      ? t.linking.offerBroken(existing.xScreenName)
      : t.linking.offerReplace(existing.xScreenName);
  return {
    ephemeral: true,
    content: `${intro}\n${t.linking.offerExpiry(expiresAt)}`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: ButtonStyle.Link, label: t.linking.offerButton, url }],
      },
    ],
  };
}

/** An edit of the /link-twitter reply that replaces the link button with a sentence. */
export function linkOutcomeMessage(content: string): BotMessage {
  return { content, components: [] };
}
