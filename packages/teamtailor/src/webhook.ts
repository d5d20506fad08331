import { createHmac, timingSafeEqual } from "node:crypto";
import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import type { FlowAction, FlowActionOptions } from "@hrflow-connectors/core/tooling";

/** A Teamtailor company-webhook body: `{payload: {event_name, data}, signature}`. */
export interface TeamtailorWebhookBody {
  payload?: {
    event_name?: unknown;
    data?: { id?: unknown; type?: unknown; attributes?: Record<string, unknown> };
  };
  signature?: unknown;
}

/**
 * The signature Teamtailor puts in a company webhook: base64 of the hex HMAC-SHA256 of the
 * payload under the webhook's signature key (partner.teamtailor.com/company_webhooks shows a
 * base64 text of 64 hex characters; which bytes are signed is unconfirmed: we sign the compact
 * JSON of `payload` as received, keys in their order).
 */
export function teamtailorSignature(payload: unknown, signatureKey: string): string {
  const hex = createHmac("sha256", signatureKey).update(JSON.stringify(payload)).digest("hex");
  return Buffer.from(hex, "utf8").toString("base64");
}

/**
 * Teamtailor signs inside the body, not in a header: `serve` reads this empty name as "no header"
 * and gives `verifyTeamtailorSignature` the raw body.
 */
export const TEAMTAILOR_SIGNATURE_HEADER = "";

/** Whether a parsed body's `signature` matches its `payload` under `signatureKey` (constant time). */
export function verifyTeamtailorBody(body: unknown, signatureKey: string): boolean {
  const b = body as TeamtailorWebhookBody | null;
  if (!signatureKey || !b || typeof b !== "object" || typeof b.signature !== "string" || !b.payload)
    return false;
  const given = Buffer.from(b.signature.trim(), "utf8");
  const expected = Buffer.from(teamtailorSignature(b.payload, signatureKey), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Verifies a Teamtailor company-webhook delivery from its raw body (the signature travels in the
 * body, so the header argument is unused): the shape `serve` plugs in, like the other connectors'.
 */
export function verifyTeamtailorSignature(
  rawBody: string | Uint8Array,
  _header: string | null | undefined,
  signatureKey: string,
): boolean {
  try {
    const text = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody).toString("utf8");
    return verifyTeamtailorBody(JSON.parse(text), signatureKey);
  } catch {
    return false;
  }
}

function eventOf(event: unknown, expected: RegExp): { id: string; attributes: Record<string, unknown> } {
  const body = (typeof event === "string" ? JSON.parse(event) : event) as TeamtailorWebhookBody | null;
  const payload = body?.payload;
  const name = payload?.event_name;
  if (typeof name !== "string" || !expected.test(name)) {
    throw new Error(
      `not a Teamtailor ${expected.source} event (event_name: ${JSON.stringify(name ?? null)})`,
    );
  }
  const id = payload?.data?.id;
  if (typeof id !== "string" && typeof id !== "number")
    throw new Error(`the ${name} event carries no data.id`);
  return { id: String(id), attributes: payload?.data?.attributes ?? {} };
}

/**
 * Event parser of the inbound create/update profile flows: a `candidate.create` or
 * `candidate.update` event becomes pull parameters that read exactly that candidate (by email),
 * so the run downloads its resume like a scheduled run.
 */
export function parseTeamtailorCandidateEvent(event: unknown): Record<string, unknown> {
  const { id, attributes } = eventOf(event, /^candidate\.(create|update)$/);
  const email = attributes.email;
  if (typeof email !== "string" || !email)
    throw new Error(`the event's candidate ${id} has no email to find it by`);
  return { pull_parameters: { filter_email: email } };
}

/**
 * Event parser of `archive_profiles_in_hrflow`: a `candidate.destroy` event names the deleted
 * candidate, which the read archives once Teamtailor confirms it is gone.
 */
export function parseTeamtailorCandidateDestroyEvent(event: unknown): Record<string, unknown> {
  const { id } = eventOf(event, /^candidate\.destroy$/);
  return { pull_parameters: { candidate_ids: [id] } };
}

/** A webhook request as a server received it. */
export interface TeamtailorWebhookRequest {
  rawBody: string | Uint8Array;
  /** The signature key Teamtailor generated for the webhook. */
  signatureKey: string;
}

/**
 * Runs a flow from a Teamtailor webhook: the signature is checked before anything else; a mismatch
 * or a body that is not JSON ends the run fatal with `event_parsing_failure`, no request made.
 */
export async function catchTeamtailorWebhook(
  action: FlowAction,
  request: TeamtailorWebhookRequest,
  options: FlowActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  const refuse = (error: string) =>
    action.run({ ...options, init_error: { reason: "event_parsing_failure", data: { error } } }, runtime);
  let event: unknown;
  try {
    const raw =
      typeof request.rawBody === "string" ? request.rawBody : Buffer.from(request.rawBody).toString("utf8");
    event = JSON.parse(raw);
  } catch {
    return refuse("the webhook body is not JSON");
  }
  if (!verifyTeamtailorBody(event, request.signatureKey))
    return refuse("the signature does not match the payload");
  return action.catch(event, options, runtime);
}
