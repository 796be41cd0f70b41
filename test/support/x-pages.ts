// Reading X's answers as a test sees them on the wire.

/** Whether an X page body holds any posts (`data` is absent from an empty page). */
export const hasPosts = (body: string): boolean => ((JSON.parse(body) as { data?: unknown[] }).data?.length ?? 0) > 0;
