import { type Logger, Redactor } from "@hrflow-connectors/core";

/**
 * A small, vendor-neutral OAuth 2 authorization-code session: exchanges the code once, caches the
 * tokens per token URL and client id, refreshes them shortly before they expire and once after a
 * 401, and never lets a secret reach a log line or an error message. Generic on purpose, so the
 * lead can lift it into core.
 */

/** What the authorization-code grant needs. */
export interface OAuthCodeGrant {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  authorizationCode: string;
  /** Must equal the redirect URI the code was issued for. */
  redirectUri?: string;
}

/** Tokens as the session keeps them. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms at which the access token stops working. */
  expiresAt: number;
  /** Epoch ms at which the tokens were issued, to refresh ahead of expiry by a share of their life. */
  issuedAt: number;
}

interface CacheEntry {
  tokens: OAuthTokens | null;
  /** The authorization code these tokens came from (a code works once). */
  code: string | null;
  pending: Promise<OAuthTokens> | null;
}

/** Tokens by token URL and client id, shared by every session of the process. */
export class OAuthTokenCache {
  readonly #entries = new Map<string, CacheEntry>();

  /** The entry of a client, created empty when absent. */
  entry(tokenUrl: string, clientId: string): CacheEntry {
    const key = `${tokenUrl}\u0000${clientId}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = { tokens: null, code: null, pending: null };
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** Forgets every token (e.g. between tests, or after revoking an app). */
  clear(): void {
    this.#entries.clear();
  }
}

/** The process-wide cache sessions use unless given another. */
export const defaultTokenCache = new OAuthTokenCache();

/** A token request the OAuth server refused; the message carries no secret. */
export class OAuthError extends Error {
  override name = "OAuthError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface OAuthSessionOptions {
  /** The fetch to send token requests with (e.g. core's `policyFetch`, for timeouts and retries). */
  fetch: typeof fetch;
  /** Name used in messages, e.g. "Lever". */
  vendor: string;
  cache?: OAuthTokenCache;
  logger?: Logger;
  /** Lifetime assumed when the server gives no `expires_in` (seconds, default 3600). */
  defaultExpiresInSeconds?: number;
  /** Longest margin before expiry at which tokens are refreshed (ms, default 60 000). */
  refreshMarginMs?: number;
}

const EXCERPT = 200;

/** An OAuth session for one client: hands out a valid access token, refreshing as needed. */
export class OAuthSession {
  readonly #grant: OAuthCodeGrant;
  readonly #options: OAuthSessionOptions;
  readonly #entry: CacheEntry;
  readonly #redactor: Redactor;

  constructor(grant: OAuthCodeGrant, options: OAuthSessionOptions) {
    this.#grant = grant;
    this.#options = options;
    this.#entry = (options.cache ?? defaultTokenCache).entry(grant.tokenUrl, grant.clientId);
    this.#redactor = new Redactor([grant.clientSecret, grant.authorizationCode]);
    this.#remember(this.#entry.tokens);
  }

  /** Every secret value this session knows (client secret, code, tokens), for redaction. */
  secrets(): string[] {
    const t = this.#entry.tokens;
    return [this.#grant.clientSecret, this.#grant.authorizationCode, t?.accessToken, t?.refreshToken].filter(
      (s): s is string => Boolean(s),
    );
  }

  /** A usable access token: the cached one, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    if (this.#entry.pending) return (await this.#entry.pending).accessToken;
    const tokens = this.#entry.tokens;
    if (tokens && !this.#expiring(tokens)) return tokens.accessToken;
    return (await this.#renew(tokens ? "expiry" : "start")).accessToken;
  }

  /**
   * Called after a 401 with the token that was refused: refreshes, unless another caller already
   * did (then its token is returned), so concurrent 401s cost one refresh.
   */
  async refreshAfterRejection(refused: string): Promise<string> {
    if (this.#entry.pending) return (await this.#entry.pending).accessToken;
    const current = this.#entry.tokens;
    if (current && current.accessToken !== refused) return current.accessToken;
    return (await this.#renew("rejected")).accessToken;
  }

  #expiring(tokens: OAuthTokens): boolean {
    const life = tokens.expiresAt - tokens.issuedAt;
    const margin = Math.min(this.#options.refreshMarginMs ?? 60_000, life / 10);
    return Date.now() >= tokens.expiresAt - margin;
  }

  /** One renewal at a time per client: everyone else waits for its result. */
  #renew(why: "start" | "expiry" | "rejected"): Promise<OAuthTokens> {
    const entry = this.#entry;
    entry.pending ??= this.#obtain(why).finally(() => {
      entry.pending = null;
    });
    return entry.pending;
  }

  async #obtain(why: "start" | "expiry" | "rejected"): Promise<OAuthTokens> {
    const entry = this.#entry;
    const { vendor, logger } = this.#options;
    const codeUnused = entry.code !== this.#grant.authorizationCode;
    if (entry.tokens?.refreshToken) {
      try {
        const tokens = await this.#request({
          grant_type: "refresh_token",
          refresh_token: entry.tokens.refreshToken,
        });
        logger?.info(`${vendor} access token refreshed (${why})`);
        return this.#store(tokens, entry.code);
      } catch (err) {
        // A code other than the one behind the cached tokens may be fresh: try it before giving up.
        if (!codeUnused) throw err;
        logger?.warn(`${vendor} token refresh failed; exchanging the configured authorization code`);
      }
    } else if (!codeUnused) {
      throw new OAuthError(
        `${vendor} gave no refresh token and the authorization code was already used; a new authorization code is needed`,
        401,
      );
    }
    const tokens = await this.#request({
      grant_type: "authorization_code",
      code: this.#grant.authorizationCode,
      ...(this.#grant.redirectUri ? { redirect_uri: this.#grant.redirectUri } : {}),
    });
    logger?.info(`${vendor} authorization code exchanged for tokens`);
    return this.#store(tokens, this.#grant.authorizationCode);
  }

  #store(tokens: OAuthTokens, code: string | null): OAuthTokens {
    this.#entry.tokens = tokens;
    this.#entry.code = code;
    this.#remember(tokens);
    return tokens;
  }

  #remember(tokens: OAuthTokens | null): void {
    this.#redactor.add(tokens?.accessToken);
    this.#redactor.add(tokens?.refreshToken);
  }

  async #request(fields: Record<string, string>): Promise<OAuthTokens> {
    const { vendor } = this.#options;
    const body = new URLSearchParams({
      client_id: this.#grant.clientId,
      client_secret: this.#grant.clientSecret,
      ...fields,
    });
    const what = fields.grant_type === "refresh_token" ? "token refresh" : "authorization code exchange";
    let response: Response;
    try {
      response = await this.#options.fetch(this.#grant.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
      });
    } catch (err) {
      throw new OAuthError(`${vendor} ${what} failed: ${this.#redactor.text(String(err))}`, 0);
    }
    const text = await response.text().catch(() => "");
    if (response.status !== 200) {
      this.#redactor.add(fields.refresh_token);
      const excerpt = this.#redactor.text(text).slice(0, EXCERPT);
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
    const now = Date.now();
    const seconds =
      typeof json.expires_in === "number" && Number.isFinite(json.expires_in)
        ? json.expires_in
        : (this.#options.defaultExpiresInSeconds ?? 3600);
    return {
      accessToken: json.access_token,
      // Servers that do not rotate refresh tokens omit them on refresh: keep the previous one.
      refreshToken:
        typeof json.refresh_token === "string" && json.refresh_token
          ? json.refresh_token
          : (fields.refresh_token ?? null),
      issuedAt: now,
      expiresAt: now + Math.max(0, seconds) * 1000,
    };
  }
}
