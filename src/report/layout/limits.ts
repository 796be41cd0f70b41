// Discord's limits on a Components V2 message, and how a message is measured
// against them: every component counts, nested ones included, and the text
// of all text displays together is capped.

import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';

export const V2_LIMITS = {
  components: 40,
  totalText: 4000,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  mediaGalleryItems: 10,
} as const;

export interface Measured {
  components: number;
  textLength: number;
  customIds: string[];
}

/** Counts components (anything with a `type`, at any depth) and the text of text displays. */
export function measure(components: readonly APIMessageTopLevelComponent[]): Measured {
  const out: Measured = { components: 0, textLength: 0, customIds: [] };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const c = node as { type?: unknown; content?: unknown; custom_id?: unknown; components?: unknown; accessory?: unknown };
    if (typeof c.type === 'number') out.components++;
    if (c.type === 10 && typeof c.content === 'string') out.textLength += c.content.length;
    if (typeof c.custom_id === 'string') out.customIds.push(c.custom_id);
    walk(c.components);
    walk(c.accessory);
  };
  walk(components);
  return out;
}
