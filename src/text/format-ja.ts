// Numbers, dates and durations as Japanese text, with Intl's ja-JP rules. The
// report hands the catalog calendar dates as "YYYY-MM-DD" (and span ends as
// "YYYY-MM-DD HH:MM") in the member's zone; the Japanese catalog rewrites them
// here, so the layout code stays the same for every language.

/** Formatters built once: building one costs far more than using it. */
const integers = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('ja-JP', { notation: 'compact', maximumFractionDigits: 1 });
const dayFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'short' });
const yearDayFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
});
const chartDayFormat = new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });

/** 1234 → "1,234": an exact count, as in a sentence. */
export function countJa(n: number): string {
  return integers.format(Math.round(n));
}

/** 12345 → "1.2万", 123456789 → "1.2億": a headline figure or an axis tick, where Japanese readers count in 万. */
export function compactJa(n: number): string {
  return Math.abs(n) < 10_000 ? countJa(n) : compact.format(n);
}

/** 0.426 → "43%". */
export function shareJa(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** 0.0304 → "3.0%". */
export function percentJa(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Prices stay in dollars as X bills them ("$0.12"), which Japanese developers read as they are. */
export { usd as usdJa } from './format.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-04" → "12月4日(金)"; with `withYear`, "2026年12月4日(金)". Anything else is returned as it is. */
export function dateJa(iso: string, withYear = false): string {
  if (!ISO_DATE.test(iso)) return iso;
  const at = new Date(`${iso}T00:00:00Z`);
  return (withYear ? yearDayFormat : dayFormat).format(at);
}

/** "2026-12-04" → "12/4": the chart's date ticks, where room is short. */
export function chartDateJa(iso: string): string {
  return ISO_DATE.test(iso) ? chartDayFormat.format(new Date(`${iso}T00:00:00Z`)) : iso;
}

/** "2026-12" → "2026年12月". */
export function monthJa(yearMonth: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  return m ? `${m[1]}年${Number(m[2])}月` : yearMonth;
}

/**
 * Every "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" inside a text, in Japanese: "12月4日(金)", "12月4日(金) 9:30".
 * Used where the report builds a span ("from → to") before the catalog sees it.
 */
export function datesJa(text: string): string {
  return text.replace(/(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2}))?/g, (_, date: string, hh?: string, mm?: string) =>
    hh === undefined ? dateJa(date) : `${dateJa(date)} ${Number(hh)}:${mm}`,
  );
}

/** "800ミリ秒", "12秒", "3分". */
export function outageJa(ms: number): string {
  if (ms < 1000) return `${countJa(ms)}ミリ秒`;
  if (ms < 120_000) return `${countJa(Math.round(ms / 1000))}秒`;
  return `${countJa(Math.round(ms / 60_000))}分`;
}

/** "45分", "3.5時間", "4日". */
export function durationJa(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(1, minutes)}分`;
  const hours = ms / 3_600_000;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)}時間`;
  return `${Math.round(hours / 24)}日`;
}

/** A sign for what shows: a change that rounds to nothing is "±0". */
function sign(shown: string, n: number): string {
  return /^[0.,%]+$/.test(shown) ? '±' : n > 0 ? '+' : '−';
}

export const signedCountJa = (n: number) => `${sign(countJa(Math.abs(n)), n)}${countJa(Math.abs(n))}`;
export const signedShareJa = (fraction: number) => `${sign(shareJa(Math.abs(fraction)), fraction)}${shareJa(Math.abs(fraction))}`;
