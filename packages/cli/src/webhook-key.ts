import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** Where a delivery's de-duplication key comes from. */
export type WebhookKeySource = "event-id" | "body-digest";

/** The de-duplication key of one webhook delivery and what it was derived from. */
export interface WebhookKey {
  /** 64 hex characters: safe as a file name, a Redis key part or a BullMQ job id. */
  key: string;
  source: WebhookKeySource;
}

const ENVELOPE_KINDS = ["event", "event_type", "type"] as const;

/**
 * The vendor's own id of the event, when the body is an event envelope that carries one: a
 * top-level `id` next to the event's kind (`event`, `event_type` or `type`) and its `data`.
 * Lever sends `{id, event, triggeredAt, token, signature, data}`; a retry of one event keeps its
 * `id` but may be signed again with a new `triggeredAt`, so only the id names it across retries.
 * Workable's and HrFlow.ai's bodies carry no event id: null, and the body digest is used instead.
 */
export function webhookEventId(rawBody: string | Uint8Array): string | null {
  let body: unknown;
  try {
    body = JSON.parse(typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8"));
  } catch {
    return null;
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const envelope = body as Record<string, unknown>;
  const id = envelope.id;
  const hasKind = ENVELOPE_KINDS.some((k) => typeof envelope[k] === "string" && envelope[k] !== "");
  if (!hasKind || !("data" in envelope)) return null;
  if (typeof id === "string" && id.trim() !== "") return id.trim();
  if (typeof id === "number" && Number.isFinite(id)) return String(id);
  return null;
}

/**
 * The event id a delivery carries in a header, when its connector package names one
 * (`webhookEventIdHeader`, e.g. Greenhouse's `Greenhouse-Event-ID`); null otherwise.
 */
export function headerEventId(
  header: string | null | undefined,
  headers: IncomingHttpHeaders,
): string | null {
  if (!header) return null;
  const value = headers[header.toLowerCase()];
  const id = (Array.isArray(value) ? value[0] : value)?.trim();
  return id ? id : null;
}

/**
 * The de-duplication key of a webhook delivery on `route` (the path it was posted to, compared
 * case-insensitively as `serve` routes are): the vendor's event id when the body carries one,
 * otherwise a SHA-256 digest of the route and the raw body bytes. Two deliveries of one event get
 * the same key; the same event id on two routes (two actions subscribed to one vendor) does not.
 */
export function webhookKey(
  route: string,
  rawBody: string | Uint8Array,
  fromHeader: string | null = null,
): WebhookKey {
  const scope = route.toLowerCase();
  const hash = createHash("sha256");
  if (fromHeader !== null) {
    // A header is not signed: the id and the bytes together name the delivery, so a retry (same id,
    // same bytes) is one event, two events with equal bodies are two, and a replayed body with a
    // made-up id is no worse than a new delivery.
    hash.update(`header-event-id\0${scope}\0${fromHeader}\0`);
    hash.update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody);
    return { key: hash.digest("hex"), source: "event-id" };
  }
  const eventId = webhookEventId(rawBody);
  if (eventId !== null) {
    // NUL separators: no route/id pair can be spelled as another one.
    hash.update(`event-id\0${scope}\0${eventId}`);
    return { key: hash.digest("hex"), source: "event-id" };
  }
  hash.update(`body\0${scope}\0`);
  hash.update(typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody);
  return { key: hash.digest("hex"), source: "body-digest" };
}
