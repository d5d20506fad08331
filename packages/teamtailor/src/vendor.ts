import { apiKey, defineVendor } from "@hrflow-connectors/core";
import type { paths } from "./generated/teamtailor.js";
import { teamtailorAuthSchema } from "./schemas.js";

/** Teamtailor's hosts per stack (support.teamtailor.com/en/articles/5963369). */
export const TEAMTAILOR_HOSTS = {
  eu: "https://api.teamtailor.com/v1",
  na: "https://api.na.teamtailor.com/v1",
} as const;

/**
 * Teamtailor's public API: `Authorization: Token token=<key>` and a dated `X-Api-Version` on every
 * call, on the account's stack. Its docs announce the budget in `X-Rate-Limit-*` headers without
 * the numbers (unconfirmed): the policy pauses on `X-Rate-Limit-Remaining: 0` until the reset, so
 * the live headers govern and 50 per 10 s only bounds bursts. Overrides: `baseUrls.teamtailor`,
 * `http.rateLimits.teamtailor`.
 */
export const teamtailor = defineVendor<paths>()({
  key: "teamtailor",
  name: "Teamtailor",
  auth: teamtailorAuthSchema,
  baseUrl: (auth) => TEAMTAILOR_HOSTS[auth.region],
  credential: (auth) => apiKey(auth.api_key, { header: "authorization", prefix: "Token token=" }),
  headers: (auth) => ({ "x-api-version": auth.X_Api_Version }),
  rateLimit: { requests: 50, perMs: 10_000 },
});
