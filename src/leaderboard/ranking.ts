// Ranks a server's board from each member's figures. Pure: the same figures
// always give the same board. Ties share a place ("1, 2, 2, 4") and are listed
// by name; a member with nothing stored for the period is not ranked (a zero
// would claim they posted nothing) but counted, so the board says how many.

export const BOARD_METRICS = ['engagement', 'followers', 'impressions', 'posts'] as const;
export type BoardMetric = (typeof BOARD_METRICS)[number];
export const BOARD_DAYS = [7, 30] as const;
export const BOARD_TOP = 10;

export interface MemberFigures {
  discordUserId: string;
  /** @name on X, for the board line. */
  screenName: string;
  /** The metric over the period; null when nothing covers the period (never read, or the read was cut). */
  value: number | null;
  /** The same over the period before, when stored in full; null otherwise. */
  previous: number | null;
}

export interface BoardRow {
  place: number;
  discordUserId: string;
  screenName: string;
  value: number;
  /** value − previous, or null when the period before is not known. */
  change: number | null;
}

export interface Board {
  top: BoardRow[];
  /** Every ranked member, in board order. */
  all: BoardRow[];
  /** The caller's own row, when they are ranked (whether or not in the top). */
  caller: BoardRow | null;
  /** Members on the board with nothing stored for the period. */
  unranked: number;
  ranked: number;
}

export function rankBoard(figures: readonly MemberFigures[], callerId: string | null, top = BOARD_TOP): Board {
  const known = figures.filter((f): f is MemberFigures & { value: number } => f.value !== null);
  const sorted = [...known].sort(
    (a, b) => b.value - a.value || a.screenName.localeCompare(b.screenName) || a.discordUserId.localeCompare(b.discordUserId),
  );
  const rows: BoardRow[] = [];
  for (const [i, f] of sorted.entries()) {
    const before = rows[i - 1];
    const place = before && sorted[i - 1]?.value === f.value ? before.place : i + 1;
    rows.push({
      place,
      discordUserId: f.discordUserId,
      screenName: f.screenName,
      value: f.value,
      change: f.previous === null ? null : f.value - f.previous,
    });
  }
  return {
    top: rows.slice(0, top),
    all: rows,
    caller: rows.find((r) => r.discordUserId === callerId) ?? null,
    unranked: figures.length - known.length,
    ranked: rows.length,
  };
}
