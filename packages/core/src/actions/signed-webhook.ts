import { createHmac, timingSafeEqual } from "node:crypto";
import type { RunResult } from "../engine/result.js";
import type { RunOptions } from "../engine/types.js";
import type { FlowAction } from "./flow-action.js";
import type { FlowActionOptions } from "./options.js";

/**
 * Whether `given` (hex, as a vendor's signature header carries it) is the HMAC of the raw body
 * under `secret`, compared in constant time; a malformed or empty value never matches.
 */
export function hmacHexMatches(
  rawBody: string | Uint8Array,
  given: string | null | undefined,
  secret: string,
  algorithm: "sha256" | "sha1" = "sha256",
): boolean {
  if (!given || !secret) return false;
  const expected = createHmac(algorithm, secret).update(rawBody).digest();
  const hex = given.trim();
  if (hex.length !== expected.length * 2 || !/^[0-9a-f]+$/i.test(hex)) return false;
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}

/**
 * Runs a flow from a webhook delivery whose signature the caller checked: a mismatch, or a body
 * that is not JSON, ends the run fatal with `event_parsing_failure` (naming `refusal`) before any
 * request is made to either side; otherwise the parsed event goes to the flow's catch.
 */
export async function catchSignedWebhook(
  action: FlowAction,
  delivery: { rawBody: string | Uint8Array; verified: boolean; refusal: string },
  options: FlowActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  const refuse = (error: string) =>
    action.run({ ...options, init_error: { reason: "event_parsing_failure", data: { error } } }, runtime);
  if (!delivery.verified) return refuse(delivery.refusal);
  let event: unknown;
  try {
    const raw = delivery.rawBody;
    event = JSON.parse(typeof raw === "string" ? raw : Buffer.from(raw).toString("utf8"));
  } catch {
    return refuse("the webhook body is not JSON");
  }
  return action.catch(event, options, runtime);
}
