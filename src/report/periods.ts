// The spans a report covers and the times that bound it, shared by
// admission, the queue, the making of a report and the buttons that offer
// another period.

const DAY = 24 * 3_600_000;

/** The periods a report may cover, in days. */
export const REPORT_PERIODS = [7, 30, 90] as const;
/**
 * Posts are kept for the longest period and the one before it (the trend),
 * whole days in any zone (up to 14 hours from UTC) included; older ones are deleted.
 */
export const POST_RETENTION_MS = (2 * Math.max(...REPORT_PERIODS) + 2) * DAY;
/** Discord's interaction token lives 15 minutes; give up well before. */
export const REPORT_DEADLINE_MS = 10 * 60 * 1000;
