import { requestTokens, type TokenRequestOptions, tokenRequestFetch } from "../../http/oauth.js";
import { credentialKey } from "../../http/policy.js";
import { sessionAuth, TokenSession } from "../../http/token-session.js";
import type { Credential } from "../credential.js";

/** Where a vendor hands out tokens: `path` under `base` (default: the API base URL in force). */
export interface TokenUrl {
  path: string;
  /** The base before the run's `baseUrls["<key>_auth"]` override. */
  base?: string;
}

/** How a client-credentials vendor is asked for tokens. */
export interface ClientCredentialsOptions {
  clientId: string;
  clientSecret: string;
  tokenUrl: TokenUrl;
  scope?: string | undefined;
  /** Other grant fields the vendor asks for (e.g. a `sub` or an `audience`); never logged. */
  fields?: Record<string, string>;
  /** The scheme in front of the token (default `Bearer`; some vendors document `bearer`). */
  scheme?: string;
  /** Names the token request in errors (default `<name> token request`). */
  label?: (tokenUrl: string) => string;
  /** Lifetime assumed when the answer gives none (default: until the vendor refuses the token). */
  defaultExpiresInSeconds?: number | null;
  /** Reads `expires_in: 0` as "no lifetime given" rather than "already expired". */
  zeroMeansNoLifetime?: boolean;
}

/** The full token URL: the base (overridable per run with `baseUrls["<key>_auth"]`) and the path. */
export function resolveTokenUrl(
  url: TokenUrl,
  env: { baseUrl: string; authBaseUrl: (fallback: string) => string },
): string {
  return `${env.authBaseUrl(url.base ?? env.baseUrl)}${url.path}`;
}

/**
 * OAuth client credentials (TalentSoft, SmartRecruiters, Greenhouse v3): a token asked with the
 * client's id and secret, reused by every client and run sharing the runtime until it expires or
 * is refused (then asked again, once, by whichever call notices first).
 */
export function oauthClientCredentials(options: ClientCredentialsOptions): Credential {
  const { clientId, clientSecret, scope } = options;
  return {
    kind: "oauthClientCredentials",
    identity: [clientId],
    setup: (env) => {
      const tokenUrl = resolveTokenUrl(options.tokenUrl, env);
      const grant = { grant_type: "client_credentials", ...(scope ? { scope } : {}), ...options.fields };
      const request: TokenRequestOptions = {
        // A token request creates nothing: resent after a 5xx, a reset or a timeout like a read. It
        // counts against the credential's window like any call.
        fetch: tokenRequestFetch({ ...env.policy, secrets: [clientSecret] }),
        label: options.label?.(tokenUrl) ?? `${env.vendor.name} token request`,
        defaultExpiresInSeconds: options.defaultExpiresInSeconds ?? null,
        zeroMeansNoLifetime: options.zeroMeansNoLifetime,
      };
      const login = () => requestTokens({ tokenUrl, clientId, clientSecret }, grant, request);
      const create = () => new TokenSession({ login, ...(env.logger ? { logger: env.logger } : {}) });
      const key = credentialKey(tokenUrl, clientId, clientSecret, JSON.stringify(grant));
      const session = env.runtime
        ? env.runtime.session(`${env.vendor.key}|client-credentials|${key}`, create)
        : create();
      // Renewals this client starts go through its own run's fetch (signal, logger, retries).
      const issuer = { login };
      return {
        ...sessionAuth(session, options.scheme ?? "Bearer", issuer),
        secrets: () => [clientSecret, ...session.recentTokens()],
        signIn: async () => {
          await session.token(issuer);
        },
      };
    },
  };
}
