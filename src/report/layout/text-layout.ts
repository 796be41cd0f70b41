// A report's message is Components V2 from its first edit on, and Discord
// never lets a V2 message go back to plain content. So every message that
// takes a report's place (queued, unlinked meanwhile, X failed, cut off by a
// restart) is sent as text displays too.

import { type APIMessageTopLevelComponent, ComponentType } from 'discord-api-types/v10';
import type { BotMessage } from '../../interaction/contract.js';
import { V2_LIMITS } from './limits.js';

const textDisplay = (content: string): APIMessageTopLevelComponent => ({ type: ComponentType.TextDisplay, content });

/** The message as Components V2, with `notice` (if any) said first. */
export function asLayout(message: BotMessage, notice: string | null = null): BotMessage {
  const layout = message.layout ?? [textDisplay(message.content || '…')];
  const { content: _content, embeds: _embeds, components: _components, ...rest } = message;
  return { ...rest, layout: notice ? [textDisplay(notice), ...layout] : layout, files: message.files ?? [] };
}

/** A V2 message of a line of text, and optionally more components (the report's buttons, disabled). */
export function textLayout(content: string, more: APIMessageTopLevelComponent[] = []): BotMessage {
  return { layout: [textDisplay(content), ...more], files: [] };
}

/**
 * The message with `note` added at its end, in small type: why an answer is
 * private where the bot is not installed (commands/private-place.ts, and a
 * report delivered there). A message already at Discord's limits goes as it
 * is: its ephemeral flag keeps it private all the same.
 */
export function withPlaceNote(message: BotMessage, note: string): BotMessage {
  if (message.layout) {
    const line = textDisplay(`-# ${note}`);
    return message.layout.length < V2_LIMITS.components ? { ...message, layout: [...message.layout, line] } : message;
  }
  const content = message.content ? `${message.content}\n-# ${note}` : `-# ${note}`;
  return content.length <= 2000 ? { ...message, content } : message;
}

type Node = { type?: number; content?: string; components?: Node[]; accessory?: Node };

/** Every text display's content in a layout, in reading order, one paragraph each. */
export function layoutText(layout: readonly APIMessageTopLevelComponent[]): string {
  const texts: string[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (node.type === ComponentType.TextDisplay && node.content) texts.push(node.content);
      if (node.components) walk(node.components);
    }
  };
  walk(layout as readonly Node[]);
  return texts.join('\n\n');
}
