import { createHmac, timingSafeEqual } from "node:crypto";
import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import { catchSignedWebhook, type FlowAction, type FlowActionOptions } from "@hrflow-connectors/core/tooling";

/** The header SmartRecruiters signs webhook callbacks in (`v1=<hex>`, `;`-separated while keys rotate). */
export const SMARTRECRUITERS_SIGNATURE_HEADER = "smartrecruiters-signature";
/** The header of the activation handshake: the callback must answer it back within 20 s. */
export const HOOK_SECRET_HEADER = "x-hook-secret";

/** Request headers, as node's `IncomingHttpHeaders`, a fetch `Headers` or a plain record. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: WebhookHeaders | undefined, name: string): string {
  if (!headers) return "";
  if (headers instanceof Headers) return headers.get(name) ?? "";
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The text SmartRecruiters signs: the `smartrecruiters-timestamp` header, the raw body, then the
 * `event-id`, `event-name`, `event-version` and `link` headers, joined with "." (a missing header
 * counts as an empty string).
 */
export function signedText(rawBody: string | Uint8Array, headers: WebhookHeaders | undefined): Buffer {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : Buffer.from(rawBody);
  const h = (name: string) => Buffer.from(header(headers, name), "utf8");
  const dot = Buffer.from(".");
  return Buffer.concat([
    h("smartrecruiters-timestamp"),
    dot,
    body,
    dot,
    h("event-id"),
    dot,
    h("event-name"),
    dot,
    h("event-version"),
    dot,
    h("link"),
  ]);
}

/**
 * Whether `signatureHeader` holds a `v1=` HMAC-SHA256 (hex) of the signed text under `secret`;
 * any of several `;`-separated signatures may match (SmartRecruiters sends one per live key while
 * keys rotate). Compared in constant time. Verify the bytes as received.
 */
export function verifySmartRecruitersSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  headers?: WebhookHeaders,
): boolean {
  if (!signatureHeader || !secret) return false;
  const expected = createHmac("sha256", secret).update(signedText(rawBody, headers)).digest();
  let ok = false;
  for (const part of signatureHeader.split(";")) {
    const m = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part);
    // Every candidate is compared (no early exit), so timing says nothing about which one matched.
    if (m && timingSafeEqual(expected, Buffer.from(m[1]!, "hex"))) ok = true;
  }
  return ok;
}

/** The CLI `serve` plug: the same check, with the request's headers. */
export function verifyWebhookSignature(
  rawBody: string,
  signature: string,
  secret: string,
  headers?: WebhookHeaders,
): boolean {
  return verifySmartRecruitersSignature(rawBody, signature, secret, headers);
}

/** The header `serve` reads the signature from. */
export const webhookSignatureHeader = SMARTRECRUITERS_SIGNATURE_HEADER;

/**
 * The answer to SmartRecruiters' activation handshake: a request carrying `X-Hook-Secret` gets
 * 200 with the same header back, and starts no run. Null for every other request.
 */
export function webhookHandshake(
  headers: WebhookHeaders,
): { status: number; headers: Record<string, string> } | null {
  const secret = header(headers, HOOK_SECRET_HEADER);
  return secret ? { status: 200, headers: { "X-Hook-Secret": secret } } : null;
}

/** The header that names a delivery's event (kept across SmartRecruiters' retries). */
export const webhookEventIdHeader = "event-id";

/** The candidate an event is about: `candidateId`, `candidate.id`, or `id` of the body. */
function candidateIdOf(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const b = body as { candidateId?: unknown; candidate?: { id?: unknown } | null; id?: unknown };
  for (const v of [b.candidateId, b.candidate?.id, b.id])
    if (typeof v === "string" && v.trim()) return v.trim();
  return null;
}

/**
 * Event parser of the inbound candidate flows (candidate created, updated or deleted): the body
 * names the candidate, and the run reads exactly that one (`candidate_id`) with its details, like
 * a scheduled run. A deleted candidate is then archived by id.
 */
export function parseSmartRecruitersCandidateEvent(event: unknown): Record<string, unknown> {
  const body = typeof event === "string" ? (JSON.parse(event) as unknown) : event;
  const id = candidateIdOf(body);
  if (!id) throw new Error("the SmartRecruiters event names no candidate (candidateId is missing)");
  return { pull_parameters: { candidate_id: id } };
}

/** A webhook request as a server received it. */
export interface SmartRecruitersWebhookRequest {
  rawBody: string | Uint8Array;
  headers: WebhookHeaders;
  /** The secret key generated for the subscription. */
  secret: string;
}

/**
 * Runs a flow from a SmartRecruiters webhook: the signature is checked before anything else, and
 * a mismatch (or a body that is not JSON) ends the run fatal with `event_parsing_failure`, with no
 * request made to either side. Answer the activation handshake with `webhookHandshake` first.
 */
export async function catchSmartRecruitersWebhook(
  action: FlowAction,
  request: SmartRecruitersWebhookRequest,
  options: FlowActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  const signature = header(request.headers, SMARTRECRUITERS_SIGNATURE_HEADER);
  return catchSignedWebhook(
    action,
    {
      rawBody: request.rawBody,
      verified: verifySmartRecruitersSignature(request.rawBody, signature, request.secret, request.headers),
      refusal: `${SMARTRECRUITERS_SIGNATURE_HEADER} does not match the request`,
    },
    options,
    runtime,
  );
}
