// Calendar positions of instants in an IANA time zone. Formatting every post
// with Intl is slow for thousands of posts, so the zone's UTC offset is looked
// up once per UTC day; only a day whose offset changes (a DST switch) is
// resolved per quarter hour, the granularity of every zone's transitions.

export interface LocalParts {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** 0 = Sunday. */
  weekday: number;
  hour: number;
}

const QUARTER_HOUR = 15 * 60 * 1000;
const DAY = 86_400_000;

export class LocalClock {
  private readonly offsets = new Map<number, number>();
  /** Per UTC day: the day's single offset, or null when it changes during the day. */
  private readonly dayOffsets = new Map<number, number | null>();
  private readonly dateNames = new Map<number, string>();
  private readonly format: Intl.DateTimeFormat | null;

  constructor(readonly timeZone: string) {
    this.format =
      timeZone === 'UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          });
  }

  /** Milliseconds to add to a UTC instant to get the wall-clock time in the zone. */
  offset(ms: number): number {
    if (!this.format) return 0;
    const day = Math.floor(ms / DAY);
    let daily = this.dayOffsets.get(day);
    if (daily === undefined) {
      const first = this.exactOffset(day * DAY);
      daily = first === this.exactOffset((day + 1) * DAY - QUARTER_HOUR) ? first : null;
      this.dayOffsets.set(day, daily);
    }
    return daily ?? this.exactOffset(ms);
  }

  private exactOffset(ms: number): number {
    const format = this.format;
    if (!format) return 0;
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * QUARTER_HOUR;
      const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, x.value]));
      offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - at;
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  /** The instant a calendar date (YYYY-MM-DD) begins in the zone. */
  startOf(date: string): number {
    const midnight = Date.parse(`${date}T00:00:00Z`);
    // The offset at the local midnight itself, which a DST switch that day can make differ from the UTC midnight's.
    return midnight - this.offset(midnight - this.offset(midnight));
  }

  /** The start of the `days` whole local days before the day `start` falls on: a period's predecessor. */
  daysBefore(start: number, days: number): number {
    return this.startOf(shiftDate(this.parts(start).date, -days));
  }

  /** "YYYY-MM-DD HH:MM" in the zone: how a report states the ends of a span that is not whole days. */
  stamp(ms: number): string {
    return new Date(ms + this.offset(ms)).toISOString().slice(0, 16).replace('T', ' ');
  }

  parts(ms: number): LocalParts {
    const local = ms + this.offset(ms);
    const day = Math.floor(local / DAY);
    let date = this.dateNames.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 10);
      this.dateNames.set(day, date);
    }
    // 1 January 1970 was a Thursday (weekday 4).
    return { date, weekday: (((day + 4) % 7) + 7) % 7, hour: Math.floor((local - day * DAY) / 3_600_000) };
  }
}

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` after (or before) a YYYY-MM-DD date. */
export function shiftDate(date: string, days: number): string {
  return utcDate(Date.parse(`${date}T00:00:00Z`) + days * DAY);
}

/**
 * A report's period: the last `days` whole calendar days in the member's
 * zone, today (so far) included, so a 7-day chart has 7 bars and none is a
 * sliver; and the `days` whole days before it, for the trend.
 */
export function reportPeriod(now: number, days: number, timeZone: string): { start: number; end: number; previousStart: number } {
  const clock = new LocalClock(timeZone);
  const start = clock.startOf(shiftDate(clock.parts(now).date, -(days - 1)));
  return { start, end: now, previousStart: clock.daysBefore(start, days) };
}

/** Every calendar date from `from` to `to` inclusive (YYYY-MM-DD). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}
