// What can go wrong talking to X, sorted by what the member or operator can do
// about it. Messages never include credentials.

export type XErrorKind =
  | 'unauthorized' // 401: token revoked or invalid
  | 'callback-not-approved' // 403 code 415: PUBLIC_URL/twitter/callback missing from the X app
  | 'access-level' // 403 client-not-enrolled or code 453: the app's X access level lacks this endpoint
  | 'forbidden' // 403 otherwise
  | 'usage-capped' // 429 usage-capped: the app's monthly X usage cap is spent
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

/** The RFC 7807 problem `type` (or v2 `reason`) X sent, if any. */
export function problemType(body: string): string {
  try {
    const parsed = JSON.parse(body) as { type?: unknown; reason?: unknown; errors?: Array<{ type?: unknown }> };
    return [parsed.type, parsed.reason, parsed.errors?.[0]?.type].filter((v) => typeof v === 'string').join(' ');
  } catch {
    return '';
  }
}

export function classifyResponse(status: number, body: string, headers: { get(name: string): string | null }): XApiError {
  const code = errorCode(body);
  const problem = problemType(body);
  const reset = Number(headers.get('x-rate-limit-reset'));
  const resetAt = Number.isFinite(reset) && reset > 0 ? reset : undefined;
  if (status === 401) return new XApiError('unauthorized', 'X rejected the credentials', status, code);
  if (status === 403 && code === 415) {
    return new XApiError('callback-not-approved', 'X has not approved the callback URL', status, code);
  }
  if (status === 403 && (code === 453 || /client-not-enrolled|client-forbidden/.test(problem))) {
    return new XApiError('access-level', "the X app's access level does not include this endpoint", status, code);
  }
  if (status === 403) return new XApiError('forbidden', 'X refused the request', status, code);
  if (status === 429 && /usage-capped/.test(problem)) {
    return new XApiError('usage-capped', "the X app's usage cap is reached", status, code, resetAt);
  }
  if (status === 429) return new XApiError('rate-limited', 'X rate limit reached', status, code, resetAt);
  if (status >= 500) return new XApiError('unavailable', `X answered ${status}`, status, code);
  return new XApiError('bad-response', `X answered ${status}`, status, code);
}
