import type { RunOptions, RunResult } from "@hrflow-connectors/core";
import {
  catchSignedWebhook,
  type FlowAction,
  type FlowActionOptions,
  hmacHexMatches,
} from "@hrflow-connectors/core/tooling";

/** The header Greenhouse signs webhook bodies in: `Signature: sha256 <hex HMAC-SHA256>`. */
export const GREENHOUSE_SIGNATURE_HEADER = "Signature";
/** The name `hrflow-connectors serve` reads the signature header from. */
export const webhookSignatureHeader = GREENHOUSE_SIGNATURE_HEADER;
/** The header naming one event across Greenhouse's retries (up to 6 over about 15 h). */
export const GREENHOUSE_EVENT_ID_HEADER = "Greenhouse-Event-ID";
/** The name `hrflow-connectors serve` reads a delivery's event id from (its de-duplication key). */
export const webhookEventIdHeader = GREENHOUSE_EVENT_ID_HEADER;

/**
 * Whether `signature` (`sha256 <hex>`) is the HMAC-SHA256 of the raw body under `secret`, compared
 * in constant time. Greenhouse signs the bytes it sends (unicode escaped as sent): verify those,
 * never a re-serialized body.
 */
export function verifyGreenhouseSignature(
  rawBody: string | Uint8Array,
  signature: string | null | undefined,
  secret: string,
): boolean {
  return hmacHexMatches(rawBody, signature?.trim().replace(/^sha256[\s=]+/i, ""), secret);
}

/** The verifier `hrflow-connectors serve` plugs in for Greenhouse routes. */
export const verifyWebhookSignature = (rawBody: string, signature: string, secret: string): boolean =>
  verifyGreenhouseSignature(rawBody, signature, secret);

/** The Greenhouse webhook actions about a candidate, and what each means. */
export const CANDIDATE_EVENTS: Readonly<Record<string, "created" | "updated" | "deleted">> = {
  new_candidate_application: "created",
  new_prospect_application: "created",
  update_candidate: "updated",
  candidate_has_changed_stage: "updated",
  delete_candidate: "deleted",
};

const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The candidate id a Greenhouse webhook body names (payload.candidate, .application.candidate or .person). */
export function webhookCandidateId(event: unknown): string {
  const body = obj(typeof event === "string" ? JSON.parse(event) : event);
  const payload = obj(body?.payload);
  const candidate =
    obj(payload?.candidate) ?? obj(obj(payload?.application)?.candidate) ?? obj(payload?.person);
  const id = candidate?.id ?? payload?.candidate_id;
  if ((typeof id === "number" && Number.isInteger(id)) || (typeof id === "string" && /^\d+$/.test(id))) {
    return String(id);
  }
  const action = typeof body?.action === "string" ? body.action : "(no action)";
  throw new Error(`the Greenhouse event ${action} names no candidate (payload.candidate.id is missing)`);
}

/**
 * Event parser of the inbound candidate flows: the event becomes pull parameters reading exactly
 * that candidate, so the run joins its educations, employments and attachments like a scheduled run.
 * For `archive_profiles_in_hrflow` a `delete_candidate` event names a candidate Greenhouse no longer
 * has, which that read yields as deleted.
 */
export function parseGreenhouseCandidateEvent(event: unknown): Record<string, unknown> {
  return { pull_parameters: { candidate_ids: webhookCandidateId(event) } };
}

/** A webhook request as a server received it. */
export interface GreenhouseWebhookRequest {
  rawBody: string | Uint8Array;
  /** The `Signature` header. */
  signature: string | null | undefined;
  /** The secret key the web hook was configured with. */
  secret: string;
}

/**
 * Runs a flow from a Greenhouse webhook: the signature is checked before anything else, and a
 * mismatch (or a body that is not JSON) ends the run fatal with `event_parsing_failure`, with no
 * request made to either side. Greenhouse's "ping" on web hook creation is answered the same way.
 */
export async function catchGreenhouseWebhook(
  action: FlowAction,
  request: GreenhouseWebhookRequest,
  options: FlowActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  return catchSignedWebhook(
    action,
    {
      rawBody: request.rawBody,
      verified: verifyGreenhouseSignature(request.rawBody, request.signature, request.secret),
      refusal: `${GREENHOUSE_SIGNATURE_HEADER} does not match the body`,
    },
    options,
    runtime,
  );
}
