import { credentialKey, HttpError, Redactor } from "@hrflow-connectors/core";

/**
 * OAuth2 client-credentials tokens: fetched once, reused until shortly before they expire,
 * renewed after a 401. Nothing here is TalentSoft-specific (candidate for @hrflow-connectors/core).
 */
export interface ClientCredentialsConfig {
  /** The token endpoint, e.g. `https://tenant.example.com/api/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent as `scope` when given. */
  scope?: string | undefined;
  /** Vendor name used in errors. */
  vendor: string;
  /** Renew this long before expiry (default: 60 s, or a tenth of the lifetime when that is shorter). */
  refreshMarginMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

interface Held {
  value: string;
  /** Epoch ms after which the token is renewed; null when the server gave no lifetime. */
  renewAt: number | null;
}

/** A token the server answered with; `expires_in` may be a number or a numeric string. */
function parseTokenBody(text: string): { accessToken: string; expiresInMs: number | null } | null {
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
  const expiresInMs =
    typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : null;
  return { accessToken: access_token, expiresInMs };
}

/** One client's token: concurrent callers share a single request, and the value is cached. */
export class ClientCredentialsToken {
  readonly #config: ClientCredentialsConfig;
  #held: Held | null = null;
  #pending: Promise<string> | null = null;
  /** Token requests made so far (for diagnostics and tests). */
  requests = 0;

  constructor(config: ClientCredentialsConfig) {
    this.#config = config;
  }

  /**
   * A valid token: the cached one, or a new one when there is none or it is about to expire.
   * `fetcher` makes the token request (pass a policy fetch, for timeouts and retries).
   */
  get(fetcher: typeof fetch): Promise<string> {
    const now = (this.#config.now ?? Date.now)();
    if (this.#held && (this.#held.renewAt === null || now < this.#held.renewAt)) {
      return Promise.resolve(this.#held.value);
    }
    this.#pending ??= this.#request(fetcher).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Drops the cached token if it is `value` (e.g. after a 401), so the next `get` fetches another. */
  invalidate(value: string): void {
    if (this.#held?.value === value) this.#held = null;
  }

  async #request(fetcher: typeof fetch): Promise<string> {
    const c = this.#config;
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: c.clientId,
      client_secret: c.clientSecret,
    });
    if (c.scope) form.set("scope", c.scope);
    this.requests++;
    const response = await fetcher(c.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    });
    const text = await response.text().catch(() => "");
    const redactor = new Redactor([c.clientSecret]);
    if (!response.ok) {
      const err = new HttpError({
        vendor: c.vendor,
        status: response.status,
        method: "POST",
        url: c.tokenUrl,
        body: text,
        redactor,
      });
      err.message = `Failed to get authentication token: ${err.message}`;
      throw err;
    }
    const parsed = parseTokenBody(text);
    if (!parsed) {
      throw new Error(
        `Failed to get authentication token: ${c.vendor} POST ${c.tokenUrl} answered without an access_token`,
      );
    }
    const now = (c.now ?? Date.now)();
    const lifetime = parsed.expiresInMs;
    const margin = lifetime === null ? 0 : (c.refreshMarginMs ?? Math.min(60_000, lifetime / 10));
    this.#held = { value: parsed.accessToken, renewAt: lifetime === null ? null : now + lifetime - margin };
    return parsed.accessToken;
  }
}

const shared = new Map<string, ClientCredentialsToken>();

/**
 * The process-wide token of a client (same endpoint, id, secret and scope), so successive runs
 * reuse a live token instead of asking for one per run, as vendors usually advise.
 */
export function sharedClientCredentialsToken(config: ClientCredentialsConfig): ClientCredentialsToken {
  const key = credentialKey(config.tokenUrl, config.clientId, config.clientSecret, config.scope ?? "");
  let token = shared.get(key);
  if (!token) {
    token = new ClientCredentialsToken(config);
    shared.set(key, token);
  }
  return token;
}

/**
 * A fetch that adds `Authorization: <scheme> <token>` and, when the server answers 401 (the token
 * was revoked or outlived its announced lifetime), renews the token once and sends the request again.
 * Use it as the inner fetch of core's policy so retries, timeouts and rate limits still apply.
 */
export function oauthFetch(
  token: ClientCredentialsToken,
  options: { scheme?: string; fetch?: typeof fetch; tokenFetch: typeof fetch },
): typeof fetch {
  const scheme = options.scheme ?? "Bearer";
  const send = (request: Request) => (options.fetch ?? globalThis.fetch)(request);
  const current = () => token.get(options.tokenFetch);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const spare = request.clone();
    const used = await current();
    request.headers.set("authorization", `${scheme} ${used}`);
    const response = await send(request);
    if (response.status !== 401) return response;
    await response.body?.cancel().catch(() => {});
    token.invalidate(used);
    spare.headers.set("authorization", `${scheme} ${await current()}`);
    return send(spare);
  }) as typeof fetch;
}
