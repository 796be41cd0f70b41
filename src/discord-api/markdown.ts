/**
 * Escapes Discord's inline markdown so names like @some_user_ and member text
 * render literally. Line-start syntax (# headings, - lists) never reaches a
 * line start in our messages, so those are left alone.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>[\]()])/g, '\\$1');
}
