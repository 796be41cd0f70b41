// Number and markup formatting shared by the catalogs.

/** One formatter for all: toLocaleString builds a new one on every call, which costs a tenth of a millisecond. */
const integers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234 → "1,234". */
export function count(n: number): string {
  return integers.format(Math.round(n));
}

/** 0.426 → "43%". */
export function share(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Millionths of a dollar → "$0.12", "$0.005" (one post's price), "$0". */
export function usd(micro: number): string {
  if (micro <= 0) return '$0';
  if (micro < 10_000) return `$${(Math.max(micro, 1000) / 1_000_000).toFixed(3)}`;
  return `$${(micro / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/**
 * Escapes Discord's inline markdown so names like @some_user_ and member text
 * render literally. Not discord.js's escapeMarkdown: that one leaves `]` and
 * `(`…`)` alone, so a post excerpt could close our [link](…) syntax and
 * inject a link of its own. Line-start syntax (# headings, - lists) never
 * reaches a line start in our messages, so it is left alone.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|>[\]()])/g, '\\$1');
}
