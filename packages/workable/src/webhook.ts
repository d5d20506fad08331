import { createHmac, timingSafeEqual } from "node:crypto";
import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import type { FlowAction, FlowActionOptions } from "@hrflow-connectors/core/tooling";

/** The header Workable signs webhook bodies in. */
export const WORKABLE_SIGNATURE_HEADER = "X-Workable-Signature";

/**
 * Whether `signatureHeader` is the HMAC-SHA256 (hex) of the raw body under `secret`, compared in
 * constant time. Verify the bytes as received: a re-serialized JSON body would not match.
 */
export function verifyWorkableSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
): boolean {
  if (!signatureHeader || !secret) return false;
  const given = signatureHeader.trim().replace(/^sha256=/i, "");
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

interface EventCandidate {
  id?: unknown;
  email?: unknown;
  job?: { shortcode?: unknown } | null;
}

/**
 * Event parser of the inbound candidate flows: a Workable candidate webhook body
 * (`{event_type, data: {candidate…}}`) becomes pull parameters that read exactly that candidate
 * (its email, on its job), so the run fetches its full details and resume like a scheduled run.
 */
export function parseWorkableCandidateEvent(event: unknown): Record<string, unknown> {
  const body = (typeof event === "string" ? JSON.parse(event) : event) as { data?: unknown } | null;
  const data = (body && typeof body === "object" && "data" in body ? body.data : body) as
    | (EventCandidate & { candidate?: EventCandidate })
    | null;
  const candidate = data?.candidate ?? data;
  if (!candidate || typeof candidate.id !== "string") {
    throw new Error("the Workable event carries no candidate (data.id is missing)");
  }
  if (typeof candidate.email !== "string" || !candidate.email) {
    throw new Error(`the Workable event's candidate ${candidate.id} has no email to find it by`);
  }
  const shortcode = candidate.job?.shortcode;
  return {
    pull_parameters: {
      email: candidate.email,
      ...(typeof shortcode === "string" && shortcode ? { shortcode } : {}),
    },
  };
}

/** A webhook request as a server received it. */
export interface WorkableWebhookRequest {
  rawBody: string | Uint8Array;
  /** The `X-Workable-Signature` header. */
  signature: string | null | undefined;
  /** The secret the webhook subscription was created with. */
  secret: string;
}

/**
 * Runs a flow from a Workable webhook: the signature is checked before anything else, and a
 * mismatch (or a body that is not JSON) ends the run fatal with `event_parsing_failure`, with no
 * request made to either side.
 */
export async function catchWorkableWebhook(
  action: FlowAction,
  request: WorkableWebhookRequest,
  options: FlowActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  const refuse = (error: string) =>
    action.run({ ...options, init_error: { reason: "event_parsing_failure", data: { error } } }, runtime);
  if (!verifyWorkableSignature(request.rawBody, request.signature, request.secret)) {
    return refuse(`${WORKABLE_SIGNATURE_HEADER} does not match the body`);
  }
  let event: unknown;
  try {
    event = JSON.parse(
      typeof request.rawBody === "string" ? request.rawBody : Buffer.from(request.rawBody).toString("utf8"),
    );
  } catch {
    return refuse("the webhook body is not JSON");
  }
  return action.catch(event, options, runtime);
}
