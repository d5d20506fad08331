import { defineVendor, loginSession } from "@hrflow-connectors/core";
import type { paths } from "./generated/bullhorn.js";
import { BULLHORN_LOGIN_HOST, bullhornLogin } from "./login.js";
import { bullhornAuthSchema } from "./schemas.js";

/**
 * Bullhorn publishes no request rate, only "on 429 wait one second"; this pace stays well inside
 * what its docs show, and 429s are still honoured by the policy.
 */
export const BULLHORN_RATE_LIMIT = { requests: 20, perMs: 1_000 } as const;

/**
 * Bullhorn's REST API: a login session (BhRestToken header) on the corporation's restUrl, which
 * the login names; the declared base is the login host (`baseUrls.bullhorn` overrides it). PUT
 * creates in Bullhorn and POST only sets fields, so a PUT lost after sending is an unknown outcome
 * (looked up by the writer) while a POST is simply sent again.
 */
export const bullhorn = defineVendor<paths>()({
  key: "bullhorn",
  name: "Bullhorn",
  auth: bullhornAuthSchema,
  baseUrl: () => BULLHORN_LOGIN_HOST,
  credential: (auth) => {
    // The password and client secret, then every OAuth token the logins learn (masked everywhere).
    const secrets = [auth.password, auth.client_secret];
    return loginSession({
      identity: [auth.username, auth.client_id],
      secrets,
      send: { header: "BhRestToken" },
      login: bullhornLogin(auth, secrets),
    });
  },
  rateLimit: BULLHORN_RATE_LIMIT,
  idempotentMethods: ["GET", "HEAD", "OPTIONS", "DELETE", "POST"],
});
