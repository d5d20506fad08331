import { apiKey, defineVendor, HttpError, loginSession } from "@hrflow-connectors/core";
import type { LoginIo, LoginResult } from "@hrflow-connectors/core/vendor";
import { publicApiCredentialsSchema, tokenCredentialsSchema } from "./credentials.js";
import type { paths } from "./generated/digitalrecruiters.js";

/**
 * The environment's root URL: trailing slashes dropped (the original did so for two calls of
 * three), and a trailing `/public/v1` too, since the connector adds that prefix itself.
 */
export function environmentRoot(environmentUrl: string): string {
  return environmentUrl
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/public\/v1$/i, "");
}

// Both surfaces share one key, so `baseUrls.digitalrecruiters` and `http.rateLimits.digitalrecruiters`
// steer both. DR publishes no rate limit: this courtesy budget per environment and credential
// keeps a run from hammering a customer's environment.
const shared = {
  key: "digitalrecruiters",
  name: "DigitalRecruiters",
  baseUrl: (auth: { environment_url: string }) => environmentRoot(auth.environment_url),
  rateLimit: { requests: 10, perMs: 1_000 },
} as const;

/**
 * The account token's endpoints (job-ad export, candidate apply): the token is a path segment the
 * client writes, so the credential only masks it and names its budget; no header is sent.
 */
export const digitalRecruiters = defineVendor<paths>()({
  ...shared,
  auth: tokenCredentialsSchema,
  credential: (auth) => apiKey(auth.token, { path: true }),
});

/**
 * The public v1 API: `X-DR-API-KEY` on every call plus a Bearer session token, opened by
 * `/users/login`, renewed by `/users/refresh` after a 401 and opened again when that is refused.
 * The login's `username` is sent as `email`, as DR's public documentation shows.
 */
export const digitalRecruitersPublicApi = defineVendor<paths>()({
  ...shared,
  auth: publicApiCredentialsSchema,
  credential: (auth) => {
    const post = async (io: LoginIo, path: string, body: object): Promise<LoginResult> => {
      const url = `${io.authBaseUrl}/public/v1${path}`;
      const res = await io.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "X-DR-API-KEY": auth.api_key },
        body: JSON.stringify(body),
      });
      if (!res.ok) {
        // The body is not quoted: a refused login may echo what it was sent.
        await res.body?.cancel().catch(() => {});
        throw new HttpError({ vendor: shared.key, status: res.status, method: "POST", url, body: "" });
      }
      return sessionTokens(`POST ${path}`, await res.json().catch(() => null));
    };
    return loginSession({
      // One session per user; the budget per key and user.
      identity: [auth.api_key, auth.username],
      secrets: [auth.api_key, auth.password],
      send: { header: "authorization", scheme: "Bearer" },
      login: (io) => post(io, "/users/login", { email: auth.username, password: auth.password }),
      refresh: (io, token) => post(io, "/users/refresh", { token }),
    });
  },
  headers: (auth) => ({ "X-DR-API-KEY": auth.api_key }),
});

/** The tokens a login or a refresh answers (the refresh token rotates); a `data` envelope is accepted. */
function sessionTokens(call: string, body: unknown): LoginResult {
  const outer = (body ?? null) as Record<string, unknown> | null;
  const tokens = (outer && typeof outer.token === "string" ? outer : outer?.data) as
    | { token?: unknown; refresh_token?: unknown }
    | undefined;
  if (!tokens || typeof tokens.token !== "string" || !tokens.token) {
    throw new Error(`DigitalRecruiters ${call} returned no token`);
  }
  const refresh = typeof tokens.refresh_token === "string" ? tokens.refresh_token : null;
  return { token: tokens.token, refreshToken: refresh };
}
