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
