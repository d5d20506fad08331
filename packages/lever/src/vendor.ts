import { defineVendor } from "@hrflow-connectors/core";
import { oauthAuthorizationCode } from "@hrflow-connectors/core/vendor";
import type { paths } from "./generated/lever.js";
import { leverAuthSchema } from "./schemas.js";

/** Lever's published limit: 10 requests per second per key (bursts to 20 are not relied on). */
const RATE_LIMIT = { requests: 10, perMs: 1000 } as const;
/** The redirect URI the original registered with Lever; a code is only valid with its own URI. */
export const LEVER_REDIRECT_URI = "https://marketplace-partners.hrflow.ai/partner/lever/login";

/** `api.sandbox` -> `api.sandbox.lever.co`; a full `*.lever.co` host is kept as it is. */
export function leverApiHost(clientDomain: string): string {
  const d = clientDomain.toLowerCase();
  return d === "lever.co" || d.endsWith(".lever.co") ? d : `${d}.lever.co`;
}

/**
 * `sandbox-lever` -> `sandbox-lever.auth0.com` (the original's template); a value with a dot is a
 * full host, so production's `auth.lever.co`, which the template could not express, works too.
 */
export function leverAuthHost(authDomain: string): string {
  const d = authDomain.toLowerCase();
  return d.includes(".") ? d : `${d}.auth0.com`;
}

/** Lever's API v1 (`baseUrls.lever`, `baseUrls.lever_auth`, `http.rateLimits.lever` / `lever_auth`). */
export const lever = defineVendor<paths>()({
  key: "lever",
  name: "Lever",
  auth: leverAuthSchema,
  baseUrl: (auth) => `https://${leverApiHost(auth.client_domain)}/v1`,
  // The code is exchanged once; Lever rotates refresh tokens (core keeps them sealed in the store).
  credential: (auth) =>
    oauthAuthorizationCode({
      clientId: auth.client_id,
      clientSecret: auth.client_secret,
      authorizationCode: auth.authorization_code,
      redirectUri: LEVER_REDIRECT_URI,
      tokenUrl: { base: `https://${leverAuthHost(auth.auth_domain)}`, path: "/oauth/token" },
    }),
  rateLimit: RATE_LIMIT,
});
