import {
  type AuthInjector,
  type ClientContext,
  type IssuedTokens,
  type OutgoingRequest,
  policyFetch,
  type TokenIssuer,
  TokenSession,
} from "@hrflow-connectors/core";
import type { components } from "./generated/bullhorn.js";
import type { BullhornAuth } from "./schemas.js";

type LoginInfo = components["schemas"]["LoginInfo"];
type OAuthTokens = components["schemas"]["OAuthTokens"];
type RestSession = components["schemas"]["RestSession"];

/** The host that names each API user's data centre (`baseUrls.bullhorn` overrides it). */
export const BULLHORN_LOGIN_HOST = "https://rest.bullhornstaffing.com/rest-services";

/** The REST API version the session logs in to. */
const REST_VERSION = "2.0";

/** What a login produced: the session token and the corporation-scoped REST base it belongs to. */
export interface RestLogin {
  bhRestToken: string;
  restUrl: string;
}

/**
 * A Bullhorn REST session for one API user: the data centre looked up once (loginInfo), then
 * authorize -> token -> login, giving a BhRestToken and the restUrl every call goes to. A call
 * refused with 401 renews it once: the single-use refresh token first, a full login when refused.
 * Concurrent calls share one login (TokenSession), so a run logs in once.
 */
export class BullhornSession {
  readonly #auth: BullhornAuth;
  readonly #loginHost: string;
  readonly #tokens: TokenSession;
  readonly #restUrls = new Map<string, string>();
  /** OAuth access tokens of the last logins (they travel in the REST login's query string). */
  readonly #accessTokens: string[] = [];
  #dataCentre: Promise<LoginInfo> | null = null;

  constructor(auth: BullhornAuth, loginHost: string) {
    this.#auth = auth;
    this.#loginHost = loginHost.replace(/\/+$/, "");
    this.#tokens = new TokenSession({ login: () => Promise.reject(new Error("no issuer")) });
  }

  /** The credentials and every token learnt so far, for redaction. */
  secrets(): string[] {
    return [
      this.#auth.password,
      this.#auth.client_secret,
      ...this.#accessTokens,
      ...this.#tokens.recentTokens(),
    ];
  }

  /** The session in force (logging in through `ctx`'s policy when there is none). */
  async current(ctx: ClientContext): Promise<RestLogin> {
    const bhRestToken = await this.#tokens.token(this.#issuer(ctx));
    return { bhRestToken, restUrl: this.#restUrl(bhRestToken) };
  }

  /** A session newer than the one a call was refused with. */
  async renew(ctx: ClientContext, refused: string): Promise<RestLogin> {
    const bhRestToken = await this.#tokens.renew(refused, this.#issuer(ctx));
    return { bhRestToken, restUrl: this.#restUrl(bhRestToken) };
  }

  #restUrl(token: string): string {
    const url = this.#restUrls.get(token);
    if (!url) throw new Error("Bullhorn session has no REST URL");
    return url;
  }

  /** Token requests through this context's policy (its signal, retries and logger). */
  #issuer(ctx: ClientContext): TokenIssuer {
    const send = policyFetch({
      vendor: "bullhorn",
      secrets: [this.#auth.password, this.#auth.client_secret, ...this.#tokens.recentTokens()],
      timeoutMs: ctx.http?.timeoutMs,
      retry: ctx.http?.retry,
      logger: ctx.logger,
      signal: ctx.signal,
    });
    const json = async <T>(what: string, res: Response): Promise<T> => {
      if (!res.ok) throw new Error(`Bullhorn ${what} failed with HTTP ${res.status}`);
      return (await res.json()) as T;
    };
    const restLogin = async (tokens: OAuthTokens): Promise<IssuedTokens> => {
      const dc = await this.#lookup(send);
      this.#accessTokens.push(tokens.access_token);
      this.#accessTokens.splice(0, Math.max(0, this.#accessTokens.length - 4));
      const url = new URL(`${dc.restUrl.replace(/\/+$/, "")}/login`);
      url.searchParams.set("version", REST_VERSION);
      url.searchParams.set("access_token", tokens.access_token);
      const session = await json<RestSession>("REST login", await send(url, { method: "POST" }));
      if (!session.BhRestToken || !session.restUrl)
        throw new Error("Bullhorn REST login returned no session");
      this.#restUrls.set(
        session.BhRestToken,
        trustedBullhornUrl(session.restUrl, this.#loginHost, "restUrl"),
      );
      return { accessToken: session.BhRestToken, refreshToken: tokens.refresh_token ?? null };
    };
    const tokenCall = async (grant: Record<string, string>): Promise<OAuthTokens> => {
      const dc = await this.#lookup(send);
      const url = new URL(`${dc.oauthUrl.replace(/\/+$/, "")}/token`);
      for (const [k, v] of Object.entries({
        ...grant,
        client_id: this.#auth.client_id,
        client_secret: this.#auth.client_secret,
      })) {
        url.searchParams.set(k, v);
      }
      const tokens = await json<OAuthTokens>("token request", await send(url, { method: "POST" }));
      if (!tokens.access_token) throw new Error("Bullhorn token request returned no access_token");
      return tokens;
    };
    return {
      // A lost token or login answer (outcome unknown) fails this login; the policy then retries
      // the call, which starts a new chain with a new code (a code is single-use).
      login: async () => {
        const code = await this.#authorize(send);
        return restLogin(await tokenCall({ grant_type: "authorization_code", code }));
      },
      refresh: async (refreshToken) =>
        restLogin(await tokenCall({ grant_type: "refresh_token", refresh_token: refreshToken })),
    };
  }

  /** The user's data centre, asked once per session (the original relied on 307s from fixed hosts). */
  #lookup(send: typeof fetch): Promise<LoginInfo> {
    if (!this.#dataCentre) {
      const url = new URL(`${this.#loginHost}/loginInfo`);
      url.searchParams.set("username", this.#auth.username);
      this.#dataCentre = (async () => {
        const res = await send(url);
        if (!res.ok) throw new Error(`Bullhorn loginInfo failed with HTTP ${res.status}`);
        const info = (await res.json()) as Partial<LoginInfo>;
        if (typeof info.oauthUrl !== "string" || typeof info.restUrl !== "string") {
          throw new Error("Bullhorn loginInfo named no oauthUrl/restUrl for this username");
        }
        return {
          oauthUrl: trustedBullhornUrl(info.oauthUrl, this.#loginHost, "oauthUrl"),
          restUrl: trustedBullhornUrl(info.restUrl, this.#loginHost, "restUrl"),
        };
      })();
      // A failed lookup is asked again by the next login instead of being remembered.
      this.#dataCentre.catch(() => {
        this.#dataCentre = null;
      });
    }
    return this.#dataCentre;
  }

  /** The authorization code: the redirect Bullhorn answers with is read, never followed. */
  async #authorize(send: typeof fetch): Promise<string> {
    const dc = await this.#lookup(send);
    const url = new URL(`${dc.oauthUrl.replace(/\/+$/, "")}/authorize`);
    for (const [k, v] of Object.entries({
      client_id: this.#auth.client_id,
      response_type: "code",
      action: "Login",
      username: this.#auth.username,
      password: this.#auth.password,
    })) {
      url.searchParams.set(k, v);
    }
    const res = await send(url, { redirect: "manual" });
    await res.body?.cancel().catch(() => {});
    const location = res.headers.get("location");
    const code = location ? new URL(location, url).searchParams.get("code") : null;
    if (!code) {
      throw new Error(
        `Bullhorn refused the login (HTTP ${res.status}, no authorization code): check username, password and client_id`,
      );
    }
    return code;
  }
}

/**
 * Where a URL Bullhorn named for the credentials may be used. Logging in to Bullhorn, only an https
 * host of bullhornstaffing.com is accepted. With the login host overridden (`baseUrls.bullhorn`: a
 * proxy, a test), the path Bullhorn named is kept on the override's own origin: credentials never
 * leave the host the operator chose. A vendor answer never sends the password anywhere else.
 */
export function trustedBullhornUrl(url: string, loginHost: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Bullhorn ${what} is not a URL`);
  }
  const login = new URL(loginHost);
  const bullhorn = /(^|\.)bullhornstaffing\.com$/i;
  if (!bullhorn.test(login.hostname)) return `${login.origin}${parsed.pathname}${parsed.search}`;
  if (parsed.protocol !== "https:" || !bullhorn.test(parsed.hostname)) {
    throw new Error(`Bullhorn ${what} points to an unexpected host (${parsed.host}); refused`);
  }
  return url;
}

/**
 * The auth of a REST client: each call gets the session's BhRestToken header and is sent to the
 * session's restUrl (the client's own base is `placeholder`); a 401 renews the session once.
 */
export function restSessionAuth(
  session: BullhornSession,
  ctx: ClientContext,
  placeholder: string,
): { auth: AuthInjector; renewAuth: (refused: OutgoingRequest) => Promise<boolean> } {
  return {
    auth: async (request) => {
      const { bhRestToken, restUrl } = await session.current(ctx);
      request.headers.set("BhRestToken", bhRestToken);
      if (!request.url.startsWith(placeholder)) return request;
      const url = restUrl.replace(/\/+$/, "") + request.url.slice(placeholder.length);
      return { url, method: request.method, headers: request.headers };
    },
    renewAuth: async (refused) => {
      const used = refused.headers.get("BhRestToken");
      if (!used) return false;
      await session.renew(ctx, used);
      return true;
    },
  };
}
