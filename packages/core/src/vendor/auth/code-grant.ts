import { type OAuthApp, refreshTokens, requestTokens, type TokenRequestOptions } from "../../http/oauth.js";
import type { IssuedTokens } from "../../http/token-session.js";

/** What the authorization-code grant needs. */
export interface OAuthCodeGrant extends OAuthApp {
  authorizationCode: string;
  /** Must equal the redirect URI the code was issued for. */
  redirectUri?: string;
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

/** The request options of one token request of the grant; the code is masked in every message. */
function requestOptions(
  grant: OAuthCodeGrant,
  options: OAuthRequestOptions,
  what: string,
): TokenRequestOptions {
  return {
    fetch: options.fetch,
    label: `${options.vendor} ${what}`,
    secrets: () => [grant.authorizationCode, ...(options.secrets?.() ?? [])],
    defaultExpiresInSeconds: options.defaultExpiresInSeconds ?? 3600,
  };
}

/** Exchanges the authorization code for tokens (`grant_type=authorization_code`; a code works once). */
export function exchangeAuthorizationCode(
  grant: OAuthCodeGrant,
  options: OAuthRequestOptions,
): Promise<IssuedTokens> {
  const fields = {
    grant_type: "authorization_code",
    code: grant.authorizationCode,
    ...(grant.redirectUri ? { redirect_uri: grant.redirectUri } : {}),
  };
  return requestTokens(grant, fields, requestOptions(grant, options, "authorization code exchange"));
}

/** Spends a refresh token for new tokens (`grant_type=refresh_token`; some vendors rotate them). */
export function refreshAccessToken(
  grant: OAuthCodeGrant,
  refreshToken: string,
  options: OAuthRequestOptions,
): Promise<IssuedTokens> {
  return refreshTokens(grant, refreshToken, requestOptions(grant, options, "token refresh"));
}
