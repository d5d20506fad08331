/** The webhook body keys that override `push_profile`'s origin parameters, as in the original. */
export const PUSH_PROFILE_EVENT_KEYS = ["source_key", "profile_key"] as const;

/**
 * Event parser of `push_profile`: the webhook body's `source_key` and `profile_key` (when given
 * as non-empty text) replace the configured ones, so one hook pushes the profile it names. The
 * original passed the whole body through and let any key matching a parameter override it; only
 * these two are taken now, so a body cannot redirect the push to another job or environment.
 */
export function parsePushProfileEvent(event: unknown): Record<string, unknown> {
  const body = typeof event === "string" ? JSON.parse(event) : event;
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new Error("the push_profile webhook body must be a JSON object");
  }
  const out: Record<string, unknown> = {};
  for (const key of PUSH_PROFILE_EVENT_KEYS) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === "string" && value.trim()) out[key] = value.trim();
  }
  return out;
}
