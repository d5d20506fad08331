import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import {
  catchSignedWebhook,
  type FlowAction,
  type FlowActionOptions,
  hmacHexMatches,
} from "@hrflow-connectors/core/tooling";

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
  return hmacHexMatches(rawBody, signatureHeader?.trim().replace(/^sha256=/i, ""), secret);
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
  return catchSignedWebhook(
    action,
    {
      rawBody: request.rawBody,
      verified: verifyWorkableSignature(request.rawBody, request.signature, request.secret),
      refusal: `${WORKABLE_SIGNATURE_HEADER} does not match the body`,
    },
    options,
    runtime,
  );
}
