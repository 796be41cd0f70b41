// Which stretches of a member's timeline are stored in full, and which are
// not: the arithmetic behind "never buy the same post twice". Pure.

import type { CutReason } from '../db/schema.js';

/** Every post X served from `from` to `to` (epoch ms, both inclusive) is stored. */
export interface Span {
  from: number;
  to: number;
  /** Why the read that made this span stopped at `from` though asked to go further back. */
  cutReason: CutReason | null;
}

/** A stretch no span covers: to be read with start_time = from and end_time = to (exclusive), or no end when `to` is null. */
export interface Gap {
  from: number;
  /** The `from` of the span above, or null when the gap reaches the present. */
  to: number | null;
}

/**
 * A bound no later read can pass: X serves a timeline only 3,200 posts back,
 * so below a span cut there nothing more is read. REPORT_MAX_POSTS bounds one
 * report, not the timeline: the next report reads on below where the last
 * one stopped (a 90-day press after a capped 30-day report reads older posts).
 * A budget cut is not final either: next month's budget may read further.
 */
export const isFinalCut = (reason: CutReason | null): boolean => reason === 'x-cap';

const byFrom = (a: Span, b: Span) => a.from - b.from;

/**
 * Adds a span just read, merging spans that overlap or meet. The merged span's
 * lower edge keeps the reason of whichever span reaches lowest; on a tie the
 * newer read's.
 */
export function addSpan(spans: readonly Span[], added: Span): Span[] {
  const sorted = [...spans, added].sort(byFrom);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.from <= last.to) {
      const reason = span.from === last.from && span === added ? span.cutReason : last.cutReason;
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, span.to), cutReason: reason };
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/**
 * What is not stored between `from` and `to`, newest first. A stretch below a
 * final cut is left out: reading it would only hit the same bound.
 */
export function gapsBetween(spans: readonly Span[], from: number, to: number): Gap[] {
  const all = [...spans].sort(byFrom);
  const oldest = all[0];
  const gaps: Gap[] = [];
  let cursor = from;
  for (const span of all.filter((s) => s.to >= from && s.from <= to)) {
    // Only the oldest span's lower edge can be final: a cut above another span left a hole to fill.
    const finalBelow = span === oldest && isFinalCut(span.cutReason);
    if (span.from > cursor && !finalBelow) gaps.push({ from: cursor, to: span.from });
    cursor = Math.max(cursor, span.to);
  }
  if (cursor < to) gaps.push({ from: cursor, to: null });
  return gaps.reverse();
}

/** The span that reaches `at` (normally the present, after a read): what a report can show without a hole. */
export function spanAt(spans: readonly Span[], at: number): Span | undefined {
  return spans.find((s) => s.from <= at && s.to >= at);
}

/** Spans moved up to `cutoff` after older posts were deleted; spans wholly older go. */
export function trimSpans(spans: readonly Span[], cutoff: number): Span[] {
  return spans.filter((s) => s.to >= cutoff).map((s) => (s.from < cutoff ? { ...s, from: cutoff } : s));
}
