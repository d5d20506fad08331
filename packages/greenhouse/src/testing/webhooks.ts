import { createHmac, randomUUID } from "node:crypto";

/** A webhook delivery as Greenhouse sends it: the raw bytes and the headers that go with them. */
export interface GreenhouseDelivery {
  rawBody: string;
  headers: { "content-type": string; signature: string; "greenhouse-event-id": string };
}

/**
 * Builds a signed delivery of `action` (e.g. `update_candidate`): the body with non-ASCII escaped as
 * `\uXXXX` (Greenhouse signs the escaped bytes), `Signature: sha256 <hex HMAC>` and an event id
 * (pass the same `eventId` to model a retry).
 */
export function greenhouseDelivery(
  secret: string,
  action: string,
  payload: Record<string, unknown>,
  eventId: string = randomUUID(),
): GreenhouseDelivery {
  const rawBody = JSON.stringify({ action, payload }).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const hmac = createHmac("sha256", secret).update(rawBody).digest("hex");
  return {
    rawBody,
    headers: {
      "content-type": "application/json",
      signature: `sha256 ${hmac}`,
      "greenhouse-event-id": eventId,
    },
  };
}
