import { bearer, defineVendor } from "@hrflow-connectors/core";
import type { paths } from "./generated/recruitee.js";
import { recruiteeAuthSchema } from "./schemas.js";

/**
 * Recruitee's ATS API: a personal API token as a Bearer token, under `/c/{company_id}` of the
 * chosen endpoint. Recruitee publishes no rate limit (unconfirmed): 10 requests per second, and
 * 429 answers are retried after `Retry-After`. Overrides: `baseUrls.recruitee` (the whole base,
 * company included), `http.rateLimits.recruitee`.
 */
export const recruitee = defineVendor<paths>()({
  key: "recruitee",
  name: "Recruitee",
  auth: recruiteeAuthSchema,
  baseUrl: (auth) => `${auth.recruitee_endpoint}/${encodeURIComponent(auth.company_id)}`,
  credential: (auth) => bearer(auth.api_token),
  rateLimit: { requests: 10, perMs: 1_000 },
});
