import { type IssuedTokens, Redactor } from "@hrflow-connectors/core";

/** What the authorization-code grant needs. */
export interface OAuthCodeGrant {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  authorizationCode: string;
  /** Must equal the redirect URI the code was issued for. */
  redirectUri?: string;
}

/** A token request the OAuth server refused; the message carries no secret. */
export class OAuthError extends Error {
  override name = "OAuthError";
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** How token requests are sent and reported. */
export interface OAuthRequestOptions {
  /** The fetch to send token requests with (e.g. core's `policyFetch`, for timeouts and retries). */
  fetch: typeof fetch;
  /** Name used in messages, e.g. "Lever". */
  vendor: string;
  /** Other values to mask in error messages (e.g. tokens issued earlier). */
  secrets?: () => Iterable<string>;
  /** Lifetime assumed when the server gives no `expires_in` (seconds, default 3600). */
  defaultExpiresInSeconds?: number;
}

const EXCERPT = 200;

/** Exchanges the authorization code for tokens (`grant_type=authorization_code`; a code works once). */
export function exchangeAuthorizationCode(
  grant: OAuthCodeGrant,
  options: OAuthRequestOptions,
): Promise<IssuedTokens> {
  return tokenRequest(grant, options, {
    grant_type: "authorization_code",
    code: grant.authorizationCode,
    ...(grant.redirectUri ? { redirect_uri: grant.redirectUri } : {}),
  });
}

/** Spends a refresh token for new tokens (`grant_type=refresh_token`; Lever rotates them). */
export function refreshAccessToken(
  grant: OAuthCodeGrant,
  refreshToken: string,
  options: OAuthRequestOptions,
): Promise<IssuedTokens> {
  return tokenRequest(grant, options, { grant_type: "refresh_token", refresh_token: refreshToken });
}

async function tokenRequest(
  grant: OAuthCodeGrant,
  options: OAuthRequestOptions,
  fields: Record<string, string>,
): Promise<IssuedTokens> {
  const { vendor } = options;
  const redactor = new Redactor([
    grant.clientSecret,
    grant.authorizationCode,
    ...(options.secrets?.() ?? []),
  ]);
  redactor.add(fields.refresh_token);
  const body = new URLSearchParams({
    client_id: grant.clientId,
    client_secret: grant.clientSecret,
    ...fields,
  });
  const what = fields.grant_type === "refresh_token" ? "token refresh" : "authorization code exchange";
  let response: Response;
  try {
    response = await options.fetch(grant.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
    });
  } catch (err) {
    // Kept as the cause: an OutcomeUnknownError says the request was sent and may have acted.
    const why = err instanceof Error ? err.message : String(err);
    throw new OAuthError(`${vendor} ${what} failed: ${redactor.text(why)}`, 0, { cause: err });
  }
  const text = await response.text().catch(() => "");
  if (response.status !== 200) {
    const excerpt = redactor.text(text).slice(0, EXCERPT);
    throw new OAuthError(
      `${vendor} ${what} failed with HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`,
      response.status,
    );
  }
  let json: { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown };
  try {
    json = JSON.parse(text);
  } catch {
    throw new OAuthError(`${vendor} ${what} answered a body that is not JSON`, response.status);
  }
  if (typeof json.access_token !== "string" || !json.access_token) {
    throw new OAuthError(`${vendor} ${what} answered without an access_token`, response.status);
  }
  const seconds =
    typeof json.expires_in === "number" && Number.isFinite(json.expires_in)
      ? json.expires_in
      : (options.defaultExpiresInSeconds ?? 3600);
  return {
    accessToken: json.access_token,
    // Servers that do not rotate refresh tokens omit them on refresh: the session keeps the last one.
    refreshToken: typeof json.refresh_token === "string" && json.refresh_token ? json.refresh_token : null,
    expiresInSeconds: Math.max(0, seconds),
  };
}
