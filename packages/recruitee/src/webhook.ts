import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import {
  catchSignedWebhook,
  type FlowAction,
  type FlowActionOptions,
  hmacHexMatches,
} from "@hrflow-connectors/core/tooling";

/** The header Recruitee signs webhook bodies in. */
export const RECRUITEE_SIGNATURE_HEADER = "X-Recruitee-Signature";

/**
 * Whether `signatureHeader` is the hex HMAC-SHA256 of the raw body under the webhook's secret,
 * compared in constant time (the algorithm as third-party summaries of docs.recruitee.com/docs/webhooks
 * describe it; unconfirmed). Verify the bytes as received: a re-serialized body would not match.
 */
export function verifyRecruiteeSignature(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
): boolean {
  return hmacHexMatches(rawBody, signatureHeader?.trim().replace(/^sha256=/i, ""), secret);
}

interface RecruiteeEvent {
  test?: unknown;
  event_type?: unknown;
  payload?: { candidate?: { id?: unknown } | null } | null;
}

function candidateIdOf(event: unknown, expected: RegExp): string {
  const body = (typeof event === "string" ? JSON.parse(event) : event) as RecruiteeEvent | null;
  if (body?.test === true) throw new Error("a Recruitee test call carries no event");
  const type = body?.event_type;
  if (typeof type !== "string" || !expected.test(type)) {
    throw new Error(`not a Recruitee ${expected.source} event (event_type: ${JSON.stringify(type ?? null)})`);
  }
  const id = body?.payload?.candidate?.id;
  if (typeof id !== "number" && typeof id !== "string")
    throw new Error(`the ${type} event carries no payload.candidate.id`);
  return String(id);
}

/** Event parser of the inbound create/update profile flows: the event's candidate, read by id. */
export function parseRecruiteeCandidateEvent(event: unknown): Record<string, unknown> {
  return {
    pull_parameters: {
      ids: candidateIdOf(event, /^candidate_(created|moved|updated|disqualified|requalified)$/),
    },
  };
}

/** Event parser of `archive_profiles_in_hrflow`: a `candidate_deleted` event names the candidate to archive. */
export function parseRecruiteeCandidateDeletedEvent(event: unknown): Record<string, unknown> {
  return { pull_parameters: { candidate_ids: [candidateIdOf(event, /^candidate_deleted$/)] } };
}

/** A webhook request as a server received it. */
export interface RecruiteeWebhookRequest {
  rawBody: string | Uint8Array;
  /** The `X-Recruitee-Signature` header. */
  signature: string | null | undefined;
  /** The webhook's secret. */
  secret: string;
}

/**
 * Runs a flow from a Recruitee webhook: the signature is checked first; a mismatch, a body that is
 * not JSON, or Recruitee's test call ends the run fatal with `event_parsing_failure`, no request made.
 */
export async function catchRecruiteeWebhook(
  action: FlowAction,
  request: RecruiteeWebhookRequest,
  options: FlowActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  return catchSignedWebhook(
    action,
    {
      rawBody: request.rawBody,
      verified: verifyRecruiteeSignature(request.rawBody, request.signature, request.secret),
      refusal: `${RECRUITEE_SIGNATURE_HEADER} does not match the body`,
    },
    options,
    runtime,
  );
}
