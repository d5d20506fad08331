import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Action } from "@hrflow-connectors/core/tooling";
import type { LoadedConnector } from "./discover.js";

/**
 * The plug a connector package exports as `verifyWebhookSignature`: true when `signature` (the
 * header's value) is the vendor's signature of the raw body under the secret. A package may also
 * export `webhookSignatureHeader` (or `<SUBTYPE>_SIGNATURE_HEADER`) naming the header (default
 * `x-<subtype>-signature`). `verify<Name>Signature` with the same shape is accepted too. An
 * exported header name of "" means the vendor signs inside the body (Lever): no header is
 * required and the verifier gets the raw body with an empty signature.
 */
export type SignatureVerifier = (
  rawBody: string,
  signature: string,
  secret: string,
  /** Every header of the request, for vendors that sign some of them too (SmartRecruiters). */
  headers?: IncomingHttpHeaders,
) => boolean | Promise<boolean>;

/**
 * The plug a connector package exports as `webhookHandshake`: the answer to a vendor's subscription
 * check (SmartRecruiters' `X-Hook-Secret` echo), or null for an ordinary delivery. A request it
 * answers starts no run and is not spooled.
 */
export type WebhookHandshake = (
  headers: IncomingHttpHeaders,
) => { status: number; headers: Record<string, string> } | null;

/** How one webhook route checks its requests. */
export interface WebhookGuard {
  header: string;
  secret: string;
  verify: SignatureVerifier;
  /** Where the verifier comes from, for the startup log. */
  source: string;
  /** The package's answer to its vendor's subscription check, when it has one. */
  handshake?: WebhookHandshake | undefined;
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

/** The connector package's subscription handshake (`webhookHandshake`), else null. */
export function packageHandshake(loaded: LoadedConnector): WebhookHandshake | null {
  const fn = loaded.module.webhookHandshake;
  return typeof fn === "function" ? (fn as WebhookHandshake) : null;
}

/**
 * The answer to a vendor's subscription check, when the route's package has a handshake and the
 * request is one; null for every other request. Checked before the signature: the check is unsigned.
 */
export function answerHandshake(
  guard: WebhookGuard | null,
  headers: IncomingHttpHeaders,
): { status: number; headers: Record<string, string> } | null {
  return guard?.handshake?.(headers) ?? null;
}

/** The header the connector package says carries its vendor's event id (`webhookEventIdHeader`), else null. */
export function packageEventIdHeader(loaded: LoadedConnector): string | null {
  const header = loaded.module.webhookEventIdHeader;
  return typeof header === "string" && header !== "" ? header : null;
}

/** Whether the action's webhooks come from the vendor (its origin) rather than from HrFlow.ai. */
export function vendorSendsWebhooks(action: Action): boolean {
  return action.fromVendor;
}

/** How a route treats requests it cannot verify. */
export interface WebhookPolicy {
  /**
   * Accept unsigned requests on a route without `webhook_secret`. Off by default: anyone who
   * finds the URL could otherwise start runs with bodies of their choosing.
   */
  allowUnsigned?: boolean;
}

/**
 * Decides how a route is guarded. When the vendor sends the webhooks and its package exports a
 * verifier, signatures are always required (starting without a secret is a configuration error);
 * a config that names a secret requires them too, checked by the package's verifier or
 * HMAC-SHA256. A route without a secret is refused unless `policy.allowUnsigned` says so.
 * Null: the route accepts unsigned requests (the caller warns at startup).
 */
export function webhookGuard(
  loaded: LoadedConnector,
  action: Action,
  secret: string | undefined,
  header: string | undefined,
  policy: WebhookPolicy = {},
): WebhookGuard | null {
  const own = vendorSendsWebhooks(action) ? packageVerifier(loaded) : null;
  if (own && !secret) {
    throw new Error(
      `${loaded.connector.name} verifies webhook signatures (${own.name}): set webhook_secret for its actions`,
    );
  }
  if (!secret) {
    if (policy.allowUnsigned) return null;
    throw new Error(
      "set webhook_secret (requests are then signed and checked), or allow_unsigned: true to accept anyone's posts",
    );
  }
  // A package's header name only goes with its own verifier; the generic check has its own default.
  const exported = own
    ? (loaded.module.webhookSignatureHeader ??
      loaded.module[`${loaded.connector.subtype.toUpperCase()}_SIGNATURE_HEADER`])
    : undefined;
  const defaultHeader =
    typeof exported === "string" ? exported : own ? `x-${loaded.connector.subtype}-signature` : "x-signature";
  return {
    // "" only when the package says so: the signature travels in the body.
    header: (header ?? defaultHeader).toLowerCase(),
    secret,
    verify: own?.fn ?? hmacSha256Hex,
    source: own ? `${loaded.pkg.name} ${own.name}` : "HMAC-SHA256 (hex)",
    handshake: own ? (packageHandshake(loaded) ?? undefined) : undefined,
  };
}

/**
 * What can be refused from the headers alone, before a byte of the body is read: a missing
 * signature header. Null when the body must be read and verified.
 */
export function precheckSignature(guard: WebhookGuard, headers: IncomingHttpHeaders): string | null {
  if (!guard.header) return null;
  const value = headers[guard.header];
  const signature = Array.isArray(value) ? value[0] : value;
  return signature ? null : `missing signature header ${guard.header}`;
}

/** Checks a request; returns why it is refused, or null when it may run. */
export async function checkSignature(
  guard: WebhookGuard,
  rawBody: string,
  headers: IncomingHttpHeaders,
): Promise<string | null> {
  const missing = precheckSignature(guard, headers);
  if (missing) return missing;
  const value = guard.header ? headers[guard.header] : "";
  const signature = (Array.isArray(value) ? value[0] : value) ?? "";
  try {
    return (await guard.verify(rawBody, signature, guard.secret, headers)) ? null : "invalid signature";
  } catch {
    return "invalid signature";
  }
}
