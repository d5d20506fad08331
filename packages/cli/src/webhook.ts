import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Action } from "@hrflow-connectors/core";
import type { LoadedConnector } from "./discover.js";

/**
 * The plug a connector package exports as `verifyWebhookSignature`: true when `signature` (the
 * header's value) is the vendor's signature of the raw body under the secret. A package may also
 * export `webhookSignatureHeader` (or `<SUBTYPE>_SIGNATURE_HEADER`) naming the header (default
 * `x-<subtype>-signature`). `verify<Name>Signature` with the same shape is accepted too.
 */
export type SignatureVerifier = (
  rawBody: string,
  signature: string,
  secret: string,
) => boolean | Promise<boolean>;

/** How one webhook route checks its requests. */
export interface WebhookGuard {
  header: string;
  secret: string;
  verify: SignatureVerifier;
  /** Where the verifier comes from, for the startup log. */
  source: string;
}

/** The default verifier when a config names a secret for a connector without its own: HMAC-SHA256, hex. */
export const hmacSha256Hex: SignatureVerifier = (rawBody, signature, secret) => {
  const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
  const given = Buffer.from(signature.trim().replace(/^sha256=/i, ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** The connector package's own verifier: `verifyWebhookSignature`, else `verify<Name>Signature`. */
export function packageVerifier(loaded: LoadedConnector): { fn: SignatureVerifier; name: string } | null {
  const name = loaded.connector.name.replace(/[^A-Za-z0-9]/g, "");
  const candidates = ["verifyWebhookSignature", `verify${name}Signature`];
  for (const key of candidates) {
    const fn = loaded.module[key];
    if (typeof fn === "function") return { fn: fn as SignatureVerifier, name: key };
  }
  return null;
}

/** Whether the action's webhooks come from the vendor (its origin) rather than from HrFlow.ai. */
export function vendorSendsWebhooks(action: Action): boolean {
  return action.fromVendor;
}

/**
 * Decides how a route is guarded. When the vendor sends the webhooks and its package exports a
 * verifier, signatures are always required (starting without a secret is a configuration error);
 * a config that names a secret requires them too, checked by the package's verifier or
 * HMAC-SHA256. Null: the route accepts unsigned requests.
 */
export function webhookGuard(
  loaded: LoadedConnector,
  action: Action,
  secret: string | undefined,
  header: string | undefined,
): WebhookGuard | null {
  const own = vendorSendsWebhooks(action) ? packageVerifier(loaded) : null;
  if (own && !secret) {
    throw new Error(
      `${loaded.connector.name} verifies webhook signatures (${own.name}): set webhook_secret for its actions`,
    );
  }
  if (!secret) return null;
  // A package's header name only goes with its own verifier; the generic check has its own default.
  const exported = own
    ? (loaded.module.webhookSignatureHeader ??
      loaded.module[`${loaded.connector.subtype.toUpperCase()}_SIGNATURE_HEADER`])
    : undefined;
  const defaultHeader =
    typeof exported === "string" ? exported : own ? `x-${loaded.connector.subtype}-signature` : "x-signature";
  return {
    header: (header ?? defaultHeader).toLowerCase(),
    secret,
    verify: own?.fn ?? hmacSha256Hex,
    source: own ? `${loaded.pkg.name} ${own.name}` : "HMAC-SHA256 (hex)",
  };
}

/** Checks a request; returns why it is refused, or null when it may run. */
export async function checkSignature(
  guard: WebhookGuard,
  rawBody: string,
  headers: IncomingHttpHeaders,
): Promise<string | null> {
  const value = headers[guard.header];
  const signature = Array.isArray(value) ? value[0] : value;
  if (!signature) return `missing signature header ${guard.header}`;
  try {
    return (await guard.verify(rawBody, signature, guard.secret)) ? null : "invalid signature";
  } catch {
    return "invalid signature";
  }
}
