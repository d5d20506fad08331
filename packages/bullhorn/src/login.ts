import type { LoginResult } from "@hrflow-connectors/core/vendor";
import type { components } from "./generated/bullhorn.js";
import type { BullhornAuth } from "./schemas.js";

type LoginInfo = components["schemas"]["LoginInfo"];
type OAuthTokens = components["schemas"]["OAuthTokens"];
type RestSession = components["schemas"]["RestSession"];

/** The host that names each API user's data centre (`baseUrls.bullhorn` overrides it). */
export const BULLHORN_LOGIN_HOST = "https://rest.bullhornstaffing.com/rest-services";

/** The REST API version the session logs in to. */
const REST_VERSION = "2.0";
/** Login chains tried when a step fails after its code was spent (each chain spends a new code). */
const CHAIN_ATTEMPTS = 3;

/** Thrown when Bullhorn refuses the credentials: trying again cannot help. */
class LoginRefused extends Error {}

/**
 * The login of one credential: the data centre looked up once (loginInfo), then authorize ->
 * token -> REST login, giving the BhRestToken and the corporation's restUrl every call goes to.
 * `learnt` receives the OAuth tokens (for redaction); core's loginSession keeps the session and
 * runs this again when a call is refused (401).
 */
export function bullhornLogin(auth: BullhornAuth, learnt: string[]) {
  let dataCentre: Promise<LoginInfo> | null = null;

  return async (io: { fetch: typeof fetch; baseUrl: string }): Promise<LoginResult> => {
    const loginHost = io.baseUrl.replace(/\/+$/, "");
    const json = async <T>(what: string, res: Response): Promise<T> => {
      if (!res.ok) throw new Error(`Bullhorn ${what} failed with HTTP ${res.status}`);
      return (await res.json()) as T;
    };
    const lookup = () => {
      if (!dataCentre) {
        const url = new URL(`${loginHost}/loginInfo`);
        url.searchParams.set("username", auth.username);
        dataCentre = io.fetch(url).then(async (res) => {
          const info = await json<Partial<LoginInfo>>("loginInfo", res);
          if (typeof info.oauthUrl !== "string" || typeof info.restUrl !== "string") {
            throw new Error("Bullhorn loginInfo named no oauthUrl/restUrl for this username");
          }
          return {
            oauthUrl: trustedBullhornUrl(info.oauthUrl, loginHost, "oauthUrl"),
            restUrl: trustedBullhornUrl(info.restUrl, loginHost, "restUrl"),
          };
        });
        // A failed lookup is asked again by the next login instead of being remembered.
        dataCentre.catch(() => {
          dataCentre = null;
        });
      }
      return dataCentre;
    };
    const withQuery = (base: string, path: string, query: Record<string, string>) => {
      const url = new URL(`${base.replace(/\/+$/, "")}${path}`);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return url;
    };
    const chain = async (): Promise<LoginResult> => {
      const dc = await lookup();
      // The authorization code arrives in the redirect Bullhorn answers with: read, never followed.
      const authorize = await io.fetch(
        withQuery(dc.oauthUrl, "/authorize", {
          client_id: auth.client_id,
          response_type: "code",
          action: "Login",
          username: auth.username,
          password: auth.password,
        }),
        { redirect: "manual" },
      );
      await authorize.body?.cancel().catch(() => {});
      const location = authorize.headers.get("location");
      const code = location ? new URL(location, dc.oauthUrl).searchParams.get("code") : null;
      if (!code) {
        throw new LoginRefused(
          `Bullhorn refused the login (HTTP ${authorize.status}, no authorization code): check username, password and client_id`,
        );
      }
      const tokens = await json<OAuthTokens>(
        "token request",
        await io.fetch(
          withQuery(dc.oauthUrl, "/token", {
            grant_type: "authorization_code",
            code,
            client_id: auth.client_id,
            client_secret: auth.client_secret,
          }),
          { method: "POST" },
        ),
      );
      if (!tokens.access_token) throw new Error("Bullhorn token request returned no access_token");
      learnt.push(tokens.access_token, ...(tokens.refresh_token ? [tokens.refresh_token] : []));
      const session = await json<RestSession>(
        "REST login",
        await io.fetch(
          withQuery(dc.restUrl, "/login", { version: REST_VERSION, access_token: tokens.access_token }),
          {
            method: "POST",
          },
        ),
      );
      if (!session.BhRestToken || !session.restUrl)
        throw new Error("Bullhorn REST login returned no session");
      return {
        token: session.BhRestToken,
        baseUrl: trustedBullhornUrl(session.restUrl, loginHost, "restUrl"),
      };
    };
    // Token requests are resent after a lost answer, but a code is single-use: a resent exchange
    // is refused, so a failed step starts the chain again with a new code (a few times).
    for (let attempt = 1; ; attempt++) {
      try {
        return await chain();
      } catch (err) {
        if (err instanceof LoginRefused || attempt >= CHAIN_ATTEMPTS) throw err;
      }
    }
  };
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
