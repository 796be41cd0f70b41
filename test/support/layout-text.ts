// Reads a Components V2 message as a member reads it: the text of its text
// displays in order, its buttons, its media.

type Node = {
  type?: number;
  content?: string;
  components?: Node[];
  items?: Array<{ media: { url: string } }>;
  label?: string;
  custom_id?: string;
  disabled?: boolean;
};

function flat(nodes: readonly unknown[] | undefined): Node[] {
  return ((nodes ?? []) as Node[]).flatMap((n) => [n, ...flat(n.components)]);
}

/** Every text display's content, joined by line breaks. */
export function layoutText(layout: readonly unknown[] | undefined): string {
  return flat(layout)
    .filter((n) => n.type === 10)
    .map((n) => n.content ?? '')
    .join('\n');
}

export function layoutButtons(layout: readonly unknown[] | undefined): Array<{ label: string; customId: string; disabled: boolean }> {
  return flat(layout)
    .filter((n) => n.type === 2)
    .map((n) => ({ label: n.label ?? '', customId: n.custom_id ?? '', disabled: Boolean(n.disabled) }));
}

export function layoutMedia(layout: readonly unknown[] | undefined): string[] {
  return flat(layout)
    .filter((n) => n.type === 12)
    .flatMap((n) => (n.items ?? []).map((i) => i.media.url));
}

/**
 * A message body as the member reads it: its text (plain content, or the V2
 * layout's text displays), and whether it is a report (a layout with its chart).
 */
export function seen(body: Record<string, unknown>): { content?: string; text: string; report: boolean } {
  const components = body.components as unknown[] | undefined;
  const v2 = ((body.flags as number | undefined) ?? 0) & (1 << 15);
  const text = typeof body.content === 'string' ? body.content : v2 ? layoutText(components) : '';
  return { content: text || (body.content as string | undefined), text, report: Boolean(v2) && layoutMedia(components).length > 0 };
}
