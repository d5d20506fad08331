import { createHmac, randomUUID } from "node:crypto";
import { SMARTRECRUITERS_SIGNATURE_HEADER, signedText } from "../webhook.js";

/** What a SmartRecruiters callback carries besides its body. */
export interface DeliveryOptions {
  eventName: string;
  eventId?: string;
  eventVersion?: string;
  link?: string;
  /** Unix ms (default now). */
  timestamp?: number;
  /** Extra signatures sent first (a key being rotated out). */
  extraSignatures?: string[];
}

/**
 * The headers SmartRecruiters sends with a callback signed by `secret`: the event headers, the
 * timestamp and `smartrecruiters-signature: v1=<hex>` over them and the body (the fake's side of
 * `verifySmartRecruitersSignature`).
 */
export function signedDelivery(
  rawBody: string,
  secret: string,
  options: DeliveryOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "smartrecruiters-timestamp": String(options.timestamp ?? Date.now()),
    "event-id": options.eventId ?? randomUUID(),
    "event-name": options.eventName,
    "event-version": options.eventVersion ?? "1",
    ...(options.link ? { link: options.link } : {}),
  };
  const hex = createHmac("sha256", secret).update(signedText(rawBody, headers)).digest("hex");
  headers[SMARTRECRUITERS_SIGNATURE_HEADER] = [...(options.extraSignatures ?? []), `v1=${hex}`].join(";");
  return headers;
}
