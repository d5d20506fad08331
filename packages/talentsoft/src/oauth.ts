import {
  credentialKey,
  HttpError,
  type IssuedTokens,
  Redactor,
  sharedTokenSession,
  TokenSession,
} from "@hrflow-connectors/core";

/** What an OAuth2 client-credentials token request needs. */
export interface ClientCredentialsConfig {
  /** The token endpoint, e.g. `https://tenant.example.com/api/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent as `scope` when given. */
  scope?: string | undefined;
  /** Vendor name used in errors. */
  vendor: string;
}

/** A token the server answered with; `expires_in` may be a number or a numeric string. */
function parseTokenBody(text: string): IssuedTokens | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object") return null;
  const { access_token, expires_in } = body as { access_token?: unknown; expires_in?: unknown };
  if (typeof access_token !== "string" || access_token.length === 0) return null;
  const seconds = typeof expires_in === "string" ? Number(expires_in) : expires_in;
  // No usable lifetime: the token is kept until TalentSoft refuses it.
  const valid = typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0;
  return { accessToken: access_token, expiresInSeconds: valid ? seconds : null };
}

/**
 * Asks the token endpoint for a client-credentials token (the `login` of a `TokenSession`).
 * `fetcher` sends the request (pass a policy fetch, for timeouts and retries).
 */
export async function requestClientCredentialsToken(
  config: ClientCredentialsConfig,
  fetcher: typeof fetch,
): Promise<IssuedTokens> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: config.clientId,
    client_secret: config.clientSecret,
  });
  if (config.scope) form.set("scope", config.scope);
  const response = await fetcher(config.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  const text = await response.text().catch(() => "");
  if (!response.ok) {
    const err = new HttpError({
      vendor: config.vendor,
      status: response.status,
      method: "POST",
      url: config.tokenUrl,
      body: text,
      redactor: new Redactor([config.clientSecret]),
    });
    err.message = `Failed to get authentication token: ${err.message}`;
    throw err;
  }
  const parsed = parseTokenBody(text);
  if (!parsed) {
    throw new Error(
      `Failed to get authentication token: ${config.vendor} POST ${config.tokenUrl} answered without an access_token`,
    );
  }
  return parsed;
}

/**
 * The process-wide token session of a client (same endpoint, id, secret and scope), so successive
 * runs reuse a live token instead of asking for one per run, as vendors usually advise.
 */
export function clientCredentialsSession(
  config: ClientCredentialsConfig,
  fetcher: typeof fetch,
): TokenSession {
  const key = credentialKey(config.tokenUrl, config.clientId, config.clientSecret, config.scope ?? "");
  return sharedTokenSession(
    `${config.vendor}|${key}`,
    () => new TokenSession({ login: () => requestClientCredentialsToken(config, fetcher) }),
  );
}
