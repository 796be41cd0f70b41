// What can go wrong talking to X, sorted by what the member or operator can do
// about it. Messages never include credentials.

export type XErrorKind =
  | 'unauthorized' // 401: token revoked or invalid
  | 'callback-not-approved' // 403 code 415: PUBLIC_URL/twitter/callback missing from the X app
  | 'forbidden' // 403 otherwise: app permissions or access level
  | 'rate-limited' // 429
  | 'unavailable' // 5xx, network failure, timeout
  | 'bad-response'; // an answer we cannot read

export class XApiError extends Error {
  constructor(
    readonly kind: XErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: number,
    /** Epoch seconds from x-rate-limit-reset, when X sent it. */
    readonly resetAt?: number,
  ) {
    super(message);
    this.name = 'XApiError';
  }
}

/** Pulls X's first error code out of a JSON (v1.1 or v2) or XML error body. */
export function errorCode(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ code?: unknown }> };
    const code = parsed.errors?.[0]?.code;
    if (typeof code === 'number') return code;
  } catch {
    // not JSON; X's OAuth endpoints sometimes answer in XML
  }
  const xml = /<error code="(\d+)"/.exec(body);
  return xml ? Number(xml[1]) : undefined;
}

export function classifyResponse(status: number, body: string, headers: Headers): XApiError {
  const code = errorCode(body);
  const reset = Number(headers.get('x-rate-limit-reset'));
  const resetAt = Number.isFinite(reset) && reset > 0 ? reset : undefined;
  if (status === 401) return new XApiError('unauthorized', 'X rejected the credentials', status, code);
  if (status === 403 && code === 415) {
    return new XApiError('callback-not-approved', 'X has not approved the callback URL', status, code);
  }
  if (status === 403) return new XApiError('forbidden', 'X refused the request', status, code);
  if (status === 429) return new XApiError('rate-limited', 'X rate limit reached', status, code, resetAt);
  if (status >= 500) return new XApiError('unavailable', `X answered ${status}`, status, code);
  return new XApiError('bad-response', `X answered ${status}`, status, code);
}
