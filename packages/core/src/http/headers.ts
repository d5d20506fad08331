/** Parses Retry-After (seconds or HTTP date) and X-RateLimit-Reset style headers into a wait in ms. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ra = headers.get("retry-after");
  if (ra) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(ra);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset =
    headers.get("x-rate-limit-reset") ?? headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset");
  if (reset) {
    const n = Number(reset);
    if (Number.isFinite(n)) {
      // Epoch seconds when large, else seconds from now.
      return n > 1e9 ? Math.max(0, n * 1000 - now) : Math.max(0, n * 1000);
    }
  }
  return null;
}

/** The X-Rate-Limit-Remaining (or RateLimit-Remaining) count of a response, or null. */
export function remaining(headers: Headers): number | null {
  const raw =
    headers.get("x-rate-limit-remaining") ??
    headers.get("x-ratelimit-remaining") ??
    headers.get("ratelimit-remaining");
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : null;
}
