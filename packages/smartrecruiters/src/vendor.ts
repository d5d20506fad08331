import { apiKey, type Credential, defineVendor, oauthClientCredentials } from "@hrflow-connectors/core";
import type { paths } from "./generated/smartrecruiters.js";
import { type SmartRecruitersAuth, smartRecruitersAuthSchema } from "./schemas.js";

/** An `X-SmartToken`, or an OAuth client-credentials app (its credential needs a System role). */
function credential(auth: SmartRecruitersAuth): Credential {
  if (auth.x_smart_token) return apiKey(auth.x_smart_token, { header: "X-SmartToken" });
  // The auth schema refuses anything else before a client is built.
  if (!auth.client_id || !auth.client_secret)
    throw new Error("SmartRecruiters needs x_smart_token or client_id + client_secret");
  return oauthClientCredentials({
    clientId: auth.client_id,
    clientSecret: auth.client_secret,
    tokenUrl: { path: "/identity/oauth/token" },
    label: () => "SmartRecruiters token request POST /identity/oauth/token",
  });
}

/**
 * SmartRecruiters' Customer API: 10 requests per second per credential, at most 8 calls in flight
 * and only one `GET /candidates` at a time (the policy also pauses on `X-RateLimit-Remaining: 0`).
 * Overrides: `baseUrls.smartrecruiters`, `baseUrls.smartrecruiters_auth` (token URL),
 * `http.rateLimits.smartrecruiters`.
 */
export const smartrecruiters = defineVendor<paths>()({
  key: "smartrecruiters",
  name: "SmartRecruiters",
  auth: smartRecruitersAuthSchema,
  baseUrl: () => "https://api.smartrecruiters.com",
  credential,
  rateLimit: { requests: 10, perMs: 1_000 },
  concurrency: [{ max: 8 }, { method: "GET", path: "/candidates", max: 1 }],
});
