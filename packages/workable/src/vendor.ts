import { bearer, defineVendor } from "@hrflow-connectors/core";
import type { paths } from "./generated/workable.js";
import { workableAuthSchema } from "./schemas.js";

/**
 * Workable's SPI v3: a bearer account token on the account's subdomain, 10 requests per 10 s per
 * token (the policy also pauses on `X-Rate-Limit-Remaining: 0`). Overrides: `baseUrls.workable`,
 * `http.rateLimits.workable`.
 */
export const workable = defineVendor<paths>()({
  key: "workable",
  name: "Workable",
  auth: workableAuthSchema,
  baseUrl: (auth) => `https://${auth.subdomain}.workable.com/spi/v3`,
  credential: (auth) => bearer(auth.api_access_token),
  rateLimit: { requests: 10, perMs: 10_000 },
});
