import {
  type ClientCredentialsApp,
  clientCredentialsTokens,
  clientCredentialsSession as coreClientCredentialsSession,
  type IssuedTokens,
  type TokenRequestOptions,
  type TokenSession,
} from "@hrflow-connectors/core/http";

// Token requests, errors and sessions are core's (`clientCredentialsTokens`, `OAuthError`); what is
// TalentSoft's is below: the endpoint's config, the original's wording, and a lifetime rule.

/** What a TalentSoft client-credentials token request needs. */
export interface ClientCredentialsConfig extends ClientCredentialsApp {
  /** Vendor name used in errors and to keep sessions apart. */
  vendor: string;
}

/** How the token request is named and read: the original's wording; no lifetime means "until refused". */
function requestOptions(config: ClientCredentialsConfig, fetcher: typeof fetch): TokenRequestOptions {
  return {
    fetch: fetcher,
    label: `Failed to get authentication token: ${config.vendor} POST ${config.tokenUrl}`,
    defaultExpiresInSeconds: null,
    zeroMeansNoLifetime: true,
  };
}

/**
 * Asks the token endpoint for a client-credentials token (the `login` of a `TokenSession`).
 * `fetcher` sends the request: pass a policy fetch that resends it like a read (it creates nothing).
 */
export function requestClientCredentialsToken(
  config: ClientCredentialsConfig,
  fetcher: typeof fetch,
): Promise<IssuedTokens> {
  return clientCredentialsTokens(config, requestOptions(config, fetcher));
}

/**
 * The process-wide token session of a client (same endpoint, id, secret and scope), so successive
 * runs reuse a live token instead of asking for one per run, as vendors usually advise.
 */
export function clientCredentialsSession(
  config: ClientCredentialsConfig,
  fetcher: typeof fetch,
): TokenSession {
  return coreClientCredentialsSession(config.vendor, config, requestOptions(config, fetcher));
}
