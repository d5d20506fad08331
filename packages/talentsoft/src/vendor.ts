import { defineVendor, oauthClientCredentials } from "@hrflow-connectors/core";
import type { paths } from "./generated/talentsoft.js";
import { type TalentSoftAuth, talentSoftAuthSchema } from "./schemas.js";

/** The scope of back-office (Matching/Indexation exports) tokens. */
export const TOKEN_SCOPE = "MatchingIndexation";

/**
 * Back office: the exports and reports, with a `MatchingIndexation` token sent as `bearer`.
 * Front office: the application endpoint, with a token requested without scope, sent as `Bearer`.
 */
export type Office = "back" | "front";

/** The client-credentials token of one office (both share the tenant's window, token requests included). */
export const officeCredential = (office: Office) => (auth: TalentSoftAuth) =>
  oauthClientCredentials({
    clientId: auth.client_id,
    clientSecret: auth.client_secret,
    tokenUrl: { path: "/api/token" },
    scope: office === "back" ? TOKEN_SCOPE : undefined,
    // The exports document the lower-case scheme; the front office uses the usual one.
    scheme: office === "back" ? "bearer" : "Bearer",
    label: (tokenUrl) => `Failed to get authentication token: talentsoft POST ${tokenUrl}`,
    // TalentSoft answers `expires_in: 0` for tokens that live until refused.
    zeroMeansNoLifetime: true,
  });

/**
 * A TalentSoft tenant (`client_url`), back office by default (`officeCredential("front")` for the
 * application endpoint). Cegid publishes no rate figure, only the advice to keep calls to a
 * minimum: 10 per second is a conservative default. Overrides: `baseUrls.talentsoft`,
 * `baseUrls.talentsoft_auth` (token URL base), `http.rateLimits.talentsoft`.
 */
export const talentsoft = defineVendor<paths>()({
  key: "talentsoft",
  name: "TalentSoft",
  auth: talentSoftAuthSchema,
  baseUrl: (auth) => auth.client_url,
  credential: officeCredential("back"),
  rateLimit: { requests: 10, perMs: 1000 },
});
