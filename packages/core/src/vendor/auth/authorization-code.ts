import { policyFetch } from "../../http/policy.js";
import { sessionAuth } from "../../http/token-session.js";
import type { Credential } from "../credential.js";
import type { TokenUrl } from "./client-credentials.js";
import { AuthorizationCodeOAuth } from "./code-session.js";

/** How an authorization-code vendor is asked for tokens. */
export interface AuthorizationCodeGrantOptions {
  clientId: string;
  clientSecret: string;
  /** The code the user's consent gave; it works once. */
  authorizationCode: string;
  /** Must equal the redirect URI the code was issued for. */
  redirectUri?: string;
  /** Where tokens are asked (the base is overridable with `baseUrls["<key>_auth"]`). */
  tokenUrl: TokenUrl;
  /** Lifetime assumed when the answer gives none (seconds, default 3600). */
  defaultExpiresInSeconds?: number;
}

/**
 * OAuth authorization code with rotating refresh tokens (Lever): the code is exchanged once, the
 * refresh token is kept sealed in the run's store (`HRFLOW_CONNECTORS_STORE_KEY`) for later
 * processes, renewals hold the app's `oauth:<app>` lease in the store so runs of several processes
 * never spend one refresh token twice, and a spent code is never sent again (the error asks for a
 * new one). Token calls use the auth host's window (`<key>_auth`); a 401 renews once.
 */
export function oauthAuthorizationCode(options: AuthorizationCodeGrantOptions): Credential {
  return {
    kind: "oauthAuthorizationCode",
    identity: [options.clientId],
    setup: (env) => {
      const oauth = new AuthorizationCodeOAuth(
        {
          tokenUrl: `${env.authBaseUrl(options.tokenUrl.base ?? env.baseUrl)}${options.tokenUrl.path}`,
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          authorizationCode: options.authorizationCode,
          ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}),
        },
        {
          key: env.vendor.key,
          vendor: env.vendor.name,
          // The code exchange is never resent once sent (the code works once): a lost answer ends
          // the run with a "re-authorize" error. Refreshes are resent like reads.
          fetch: policyFetch(env.authPolicy),
          refreshFetch: policyFetch({ ...env.authPolicy, retryNonIdempotent: true }),
          ...(options.defaultExpiresInSeconds
            ? { defaultExpiresInSeconds: options.defaultExpiresInSeconds }
            : {}),
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
          env.logger?.warn(
            `${env.vendor.name} answered HTTP 401; refreshing the access token and trying again once`,
          );
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
