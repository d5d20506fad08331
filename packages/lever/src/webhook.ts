import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Lever signs a webhook in its body, not in a header: the CLI's `serve` reads this empty header
 * name as "the signature travels in the body" and hands the raw body to `verifyLeverSignature`.
 */
export const LEVER_SIGNATURE_HEADER = "";

/** How far `triggeredAt` may be from now before a delivery is refused as a replay (5 minutes). */
export const LEVER_WEBHOOK_MAX_AGE_MS = 5 * 60_000;

/**
 * Verifies a Lever webhook delivery: its JSON body carries `token`, `triggeredAt` (Unix ms) and
 * `signature`, the hex HMAC-SHA256 of `token + triggeredAt` under the webhook's signature token.
 * A delivery whose `triggeredAt` is more than `maxAgeMs` from `now` is refused as a replay.
 */
export function verifyLeverSignature(
  rawBody: string,
  _header: string,
  signatureToken: string,
  now: number = Date.now(),
  maxAgeMs: number = LEVER_WEBHOOK_MAX_AGE_MS,
): boolean {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return false;
  }
  if (!body || typeof body !== "object") return false;
  const { token, triggeredAt, signature } = body as Record<string, unknown>;
  if (typeof token !== "string" || typeof signature !== "string" || !/^[0-9a-f]+$/i.test(signature)) {
    return false;
  }
  const at = typeof triggeredAt === "string" && /^\d+$/.test(triggeredAt) ? Number(triggeredAt) : triggeredAt;
  if (typeof at !== "number" || !Number.isFinite(at) || Math.abs(now - at) > maxAgeMs) return false;
  const expected = createHmac("sha256", signatureToken)
    .update(`${token}${String(triggeredAt)}`)
    .digest();
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
