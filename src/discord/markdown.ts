/** Escapes Discord markdown so names like @some_user_ render literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1');
}
