// What Discord refuses in a message body, where the bot's tests depend on it:
// a stand-in that took anything would let a message pass here that a member
// never sees. Rules as the API reference states them (Component Reference,
// Message resource): IS_COMPONENTS_V2 (1 << 15) turns content and embeds off
// and allows 40 components in all, nested ones counted; without it, at most
// 5 action rows of at most 5 buttons. A component naming attachment://x needs
// a file x sent with the body or kept on the message.

export const IS_COMPONENTS_V2 = 1 << 15;
export const EPHEMERAL = 1 << 6;

const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;
const MAX_V2_COMPONENTS = 40;
const MAX_LEGACY_ROWS = 5;
const MAX_ROW_BUTTONS = 5;
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;

type Component = Record<string, unknown>;

/** Every component of a tree, nested ones (a section's accessory, a container's children) included. */
export function allComponents(components: unknown): Component[] {
  if (!Array.isArray(components)) return [];
  const out: Component[] = [];
  for (const c of components as Component[]) {
    if (!c || typeof c !== 'object') continue;
    out.push(c);
    out.push(...allComponents(c.components));
    if (c.accessory && typeof c.accessory === 'object') out.push(...allComponents([c.accessory]));
  }
  return out;
}

/** The attachment:// names a tree shows (media gallery items, files, thumbnails). */
export function referencedFiles(components: unknown): string[] {
  const urls: unknown[] = [];
  for (const c of allComponents(components)) {
    if (c.type === 11) urls.push((c.media as { url?: unknown } | undefined)?.url);
    if (c.type === 13) urls.push((c.file as { url?: unknown } | undefined)?.url);
    if (c.type === 12) for (const item of (c.items as Array<{ media?: { url?: unknown } }>) ?? []) urls.push(item.media?.url);
  }
  return urls.filter((u): u is string => typeof u === 'string' && u.startsWith('attachment://')).map((u) => u.slice(13));
}

/**
 * Why Discord would answer this body 400 (Invalid Form Body), or null.
 * `flagsBefore`: the message's flags when this is an edit (the V2 flag, once set, stays).
 */
export function refusal(data: Record<string, unknown>, fileNames: string[], flagsBefore = 0): string | null {
  const flags = (typeof data.flags === 'number' ? data.flags : 0) | flagsBefore;
  const content = data.content;
  if (content !== undefined && content !== null && typeof content !== 'string') return 'content must be a string';
  if (typeof content === 'string' && content.length > MAX_CONTENT) return `content is longer than ${MAX_CONTENT}`;
  const embeds = Array.isArray(data.embeds) ? data.embeds : [];
  if (embeds.length > MAX_EMBEDS) return `more than ${MAX_EMBEDS} embeds`;
  const all = allComponents(data.components);
  if ((flags & IS_COMPONENTS_V2) !== 0) {
    if (typeof content === 'string' && content !== '') return 'IS_COMPONENTS_V2 forbids content';
    if (embeds.length > 0) return 'IS_COMPONENTS_V2 forbids embeds';
    if (all.length > MAX_V2_COMPONENTS) return `${all.length} components, more than ${MAX_V2_COMPONENTS}`;
  } else if (Array.isArray(data.components)) {
    const top = data.components as Component[];
    if (top.length > MAX_LEGACY_ROWS) return `${top.length} action rows, more than ${MAX_LEGACY_ROWS}`;
    if (top.some((c) => c.type !== 1)) return 'without IS_COMPONENTS_V2 only action rows may stand at the top';
  }
  const ids = new Set<string>();
  for (const c of all) {
    if (c.type === 1 && allComponents(c.components).filter((b) => b.type === 2).length > MAX_ROW_BUTTONS) {
      return `an action row with more than ${MAX_ROW_BUTTONS} buttons`;
    }
    if (c.type === 2 && typeof c.label === 'string' && c.label.length > MAX_LABEL) return `a button label longer than ${MAX_LABEL}`;
    if (c.custom_id === undefined) continue;
    const id = String(c.custom_id);
    if (id.length < 1 || id.length > MAX_CUSTOM_ID) return `custom_id ${id.slice(0, 20)}… is not 1-${MAX_CUSTOM_ID} characters`;
    if (ids.has(id)) return `custom_id ${id} is used twice`;
    ids.add(id);
  }
  for (const name of referencedFiles(data.components)) {
    if (!fileNames.includes(name)) return `attachment://${name} names no attached file`;
  }
  return null;
}
