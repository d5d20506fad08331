import { defineVendor, oauthClientCredentials } from "@hrflow-connectors/core";
import { anonymous } from "@hrflow-connectors/core/vendor";
import type { paths } from "./generated/greenhouse.js";
import { greenhouseAuthSchema, legacyJobReadParametersSchema } from "./schemas.js";

/**
 * Greenhouse Harvest v3: OAuth client credentials asked at `auth.greenhouse.io/token` with the
 * client as HTTP Basic and the acting user as the token's `sub` (tokens last an hour; the answer
 * gives `expires_at`). 50 requests per 10 s per credential is Harvest v1's published budget (v3's
 * window is unconfirmed); the policy also pauses on `X-RateLimit-Remaining: 0` and honours
 * `Retry-After`. Overrides: `baseUrls.greenhouse`, `baseUrls.greenhouse_auth`, `http.rateLimits.greenhouse`.
 */
export const greenhouse = defineVendor<paths>()({
  key: "greenhouse",
  name: "Greenhouse",
  auth: greenhouseAuthSchema,
  baseUrl: () => "https://harvest.greenhouse.io/v3",
  credential: (auth) =>
    oauthClientCredentials({
      clientId: auth.client_id,
      clientSecret: auth.client_secret,
      tokenUrl: { path: "/token", base: "https://auth.greenhouse.io" },
      fields: { sub: auth.user_id },
      clientAuthentication: "basic",
      defaultExpiresInSeconds: 3600,
    }),
  rateLimit: { requests: 50, perMs: 10_000 },
});

/**
 * Greenhouse's public Job Board API (`pull_job_list`): no credentials, one budget per board; it
 * publishes no limit (answers are cached), so a polite 10 per second. Override: `baseUrls.greenhouse_boards`.
 */
export const greenhouseBoards = defineVendor<paths>()({
  key: "greenhouse_boards",
  name: "Greenhouse Job Board",
  auth: legacyJobReadParametersSchema,
  baseUrl: () => "https://boards-api.greenhouse.io/v1",
  credential: (auth) => anonymous(auth.board_token),
  rateLimit: { requests: 10, perMs: 1000 },
});
