import { brand, hasBrand } from "../brand.js";
import { Redactor } from "../logging/redact.js";
import { credentialKey, type HttpPolicy, policyFetch } from "./policy.js";
import type { HttpRuntime } from "./runtime.js";
import { type IssuedTokens, TokenSession } from "./token-session.js";

/**
 * A token request the OAuth server refused, or answered with no usable token; `status` is 0 when
 * no answer came (the fetch error is the `cause`). The message never carries a secret.
 */
export class OAuthError extends Error {
  override name = "OAuthError";
  constructor(
    message: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    brand(this, "oauth-error");
  }
}

/** Whether an error is a refused or unusable token request (an OAuthError from any copy of core). */
export function isOAuthError(err: unknown): err is OAuthError {
  return hasBrand(err, "oauth-error");
}

/** An OAuth client registered with a vendor: where it asks for tokens and how it proves who it is. */
export interface OAuthApp {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /**
   * How the client proves who it is (RFC 6749 §2.3.1): id and secret in the form body (default),
   * or as HTTP Basic, which some servers (Greenhouse) require.
   */
  clientAuthentication?: "body" | "basic" | undefined;
}

/** How a token request is sent and reported. */
export interface TokenRequestOptions {
  /**
   * Sends the request. Pass a policy fetch (timeouts, rate limit); one that resends a POST like a
   * read (`retryNonIdempotent`) for requests that create nothing (client credentials, refresh of a
   * non-rotating token), and one that does not for a single-use authorization code.
   */
  fetch: typeof fetch;
  /** Names the request in messages, e.g. `Lever token refresh`. */
  label: string;
  /** Other values to mask in messages (tokens issued earlier). */
  secrets?: (() => Iterable<string>) | undefined;
  /** Lifetime assumed when the answer gives no positive `expires_in`; null: until the vendor refuses it. */
  defaultExpiresInSeconds?: number | null | undefined;
  /** Reads `expires_in: 0` as "no lifetime given" (TalentSoft) rather than "already expired". */
  zeroMeansNoLifetime?: boolean | undefined;
}

/**
 * The fetch for token requests that create nothing (client credentials, refreshes): resent after a
 * 5xx, a reset or a timeout, like a read. A single-use authorization code needs plain `policyFetch`.
 */
export function tokenRequestFetch(policy: HttpPolicy): typeof fetch {
  return policyFetch({ ...policy, retryNonIdempotent: true });
}

/** Grant fields that are not secrets. */
const PUBLIC_FIELDS = new Set(["grant_type", "scope", "redirect_uri"]);

/** How much of a refusal's body a message quotes. */
const EXCERPT = 200;

/** `expires_in` as a number of seconds (vendors send numbers or numeric strings), else null. */
function lifetime(value: unknown, zeroMeansNone: boolean): number | null {
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return null;
  return seconds > 0 || (seconds === 0 && !zeroMeansNone) ? seconds : null;
}

/**
 * Seconds left until an absolute `expires_at` (ISO 8601, or Unix seconds), for servers that give
 * the expiry instead of a lifetime (Greenhouse); null when absent or unreadable.
 */
function untilExpiry(value: unknown): number | null {
  const ms =
    typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value))
      ? Number(value) * 1000
      : typeof value === "string"
        ? Date.parse(value)
        : Number.NaN;
  if (!Number.isFinite(ms)) return null;
  return Math.max(0, Math.floor((ms - Date.now()) / 1000));
}

/**
 * Sends one form-encoded token request (`grant_type` and its fields, with the client's id and
 * secret) and reads the tokens. Every failure is an `OAuthError` whose message masks the client
 * secret, the grant's own values and `secrets()`.
 */
export async function requestTokens(
  app: OAuthApp,
  grant: Readonly<Record<string, string>>,
  options: TokenRequestOptions,
): Promise<IssuedTokens> {
  const redactor = new Redactor([app.clientSecret, ...(options.secrets?.() ?? [])]);
  // The grant's own values are credentials (a code, a refresh token), except these public ones.
  for (const [key, value] of Object.entries(grant)) if (!PUBLIC_FIELDS.has(key)) redactor.add(value);
  const basic = app.clientAuthentication === "basic";
  const body = new URLSearchParams(
    basic ? { ...grant } : { client_id: app.clientId, client_secret: app.clientSecret, ...grant },
  );
  // RFC 6749 §2.3.1: both parts form-url-encoded before the Basic encoding.
  const credentials = `${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`;
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    ...(basic ? { authorization: `Basic ${Buffer.from(credentials).toString("base64")}` } : {}),
  };
  if (basic) redactor.add(Buffer.from(credentials).toString("base64"));
  const { label } = options;
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(app.tokenUrl, {
      method: "POST",
      headers,
      body: body.toString(),
    });
    text = await response.text();
  } catch (err) {
    // Kept as the cause: an OutcomeUnknownError says the request was sent and may have acted.
    const why = err instanceof Error ? err.message : String(err);
    throw new OAuthError(`${label} failed: ${redactor.text(why)}`, 0, { cause: err });
  }
  if (!response.ok) {
    const excerpt = redactor.text(text).slice(0, EXCERPT);
    throw new OAuthError(
      `${label} failed with HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`,
      response.status,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OAuthError(
      `${label} answered a body that is not JSON, without an access_token`,
      response.status,
    );
  }
  const { access_token, refresh_token, expires_in, expires_at } = (json ?? {}) as Record<string, unknown>;
  if (typeof access_token !== "string" || access_token === "") {
    throw new OAuthError(`${label} answered without an access_token`, response.status);
  }
  return {
    accessToken: access_token,
    // Servers that do not rotate refresh tokens omit them on refresh: the session keeps the last one.
    ...(typeof refresh_token === "string" && refresh_token !== "" ? { refreshToken: refresh_token } : {}),
    expiresInSeconds:
      lifetime(expires_in, options.zeroMeansNoLifetime === true) ??
      untilExpiry(expires_at) ??
      options.defaultExpiresInSeconds ??
      null,
  };
}

/** An app using the client-credentials grant, with the scope it asks for. */
export interface ClientCredentialsApp extends OAuthApp {
  scope?: string | undefined;
}

/** Asks for a client-credentials token (`grant_type=client_credentials`, `scope` when given). */
export function clientCredentialsTokens(
  app: ClientCredentialsApp,
  options: TokenRequestOptions,
): Promise<IssuedTokens> {
  return requestTokens(
    app,
    { grant_type: "client_credentials", ...(app.scope ? { scope: app.scope } : {}) },
    options,
  );
}

/** Spends a refresh token for new tokens (`grant_type=refresh_token`). */
export function refreshTokens(
  app: OAuthApp,
  refreshToken: string,
  options: TokenRequestOptions,
): Promise<IssuedTokens> {
  return requestTokens(app, { grant_type: "refresh_token", refresh_token: refreshToken }, options);
}

/**
 * The session of a client-credentials app (same endpoint, id, secret and scope) in the run's
 * runtime, so successive calls and runs sharing it reuse a live token instead of asking for one each
 * time, as vendors advise. `vendor` keeps two vendors' sessions apart; without a runtime the session
 * is this caller's own.
 */
export function clientCredentialsSession(
  vendor: string,
  app: ClientCredentialsApp,
  options: TokenRequestOptions,
  runtime?: HttpRuntime,
): TokenSession {
  const create = () => new TokenSession({ login: () => clientCredentialsTokens(app, options) });
  if (!runtime) return create();
  const key = credentialKey(app.tokenUrl, app.clientId, app.clientSecret, app.scope ?? "");
  return runtime.session(`${vendor}|client-credentials|${key}`, create);
}
