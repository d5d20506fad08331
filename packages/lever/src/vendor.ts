import {
  type Credential,
  defineVendor,
  policyFetch,
  sessionAuth,
  tokenRequestFetch,
} from "@hrflow-connectors/core";
import type { paths } from "./generated/lever.js";
import { type LeverCredentials, leverAuthSchema } from "./schemas.js";
import { LeverOAuth } from "./session.js";

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

/**
 * Lever's OAuth authorization code (`LeverOAuth`: the code is exchanged once, rotating refresh
 * tokens are kept sealed in the run's store and renewed by one run at a time). Token requests go
 * to the auth host's own window (`lever_auth`); a 401 renews the token once and resends the call.
 */
export function leverCodeGrant(auth: LeverCredentials): Credential {
  return {
    kind: "oauthAuthorizationCode",
    identity: [auth.client_id],
    setup: (env) => {
      const oauth = new LeverOAuth(
        {
          tokenUrl: `${env.authBaseUrl(`https://${leverAuthHost(auth.auth_domain)}`)}/oauth/token`,
          clientId: auth.client_id,
          clientSecret: auth.client_secret,
          authorizationCode: auth.authorization_code,
          redirectUri: LEVER_REDIRECT_URI,
        },
        {
          vendor: "Lever",
          // The code exchange is never resent once sent (the code works once): a lost answer ends
          // the run with a "re-authorize" error. Refreshes are resent like reads.
          fetch: policyFetch(env.authPolicy),
          refreshFetch: tokenRequestFetch(env.authPolicy),
          logger: env.logger,
          store: env.store,
          workflowId: env.workflowId,
          runtime: env.runtime,
        },
      );
      const bearer = sessionAuth(oauth.session, "Bearer", oauth.issuer);
      return {
        auth: bearer.auth,
        renewAuth: (refused) => {
          env.logger?.warn("Lever answered HTTP 401; refreshing the access token and trying again once");
          return bearer.renewAuth(refused);
        },
        // Tokens are issued during the run: errors ask for the current ones to mask.
        secrets: () => oauth.secrets(),
        signIn: async () => {
          await oauth.session.token(oauth.issuer);
        },
      };
    },
  };
}

/** Lever's API v1 (`baseUrls.lever`, `baseUrls.lever_auth`, `http.rateLimits.lever` / `lever_auth`). */
export const lever = defineVendor<paths>()({
  key: "lever",
  name: "Lever",
  auth: leverAuthSchema,
  baseUrl: (auth) => `https://${leverApiHost(auth.client_domain)}/v1`,
  credential: leverCodeGrant,
  rateLimit: RATE_LIMIT,
});
