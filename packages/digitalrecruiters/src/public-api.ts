import {
  type ClientContext,
  createHttpClient,
  headerAuth,
  type IssuedTokens,
  paginateNextLink,
  policyFetch,
  sessionAuth,
  TokenSession,
} from "@hrflow-connectors/core/http";
import type { Client } from "openapi-fetch";
import {
  DIGITALRECRUITERS_VENDOR,
  type DownloadedFile,
  digitalRecruitersBaseUrl,
  digitalRecruitersPolicy,
  readFileResponse,
} from "./client.js";
import type { paths } from "./generated/digitalrecruiters.js";
import type { DigitalRecruitersJobApplication } from "./objects.js";

/** The credentials of the public v1 API. */
export interface PublicApiCredentials {
  environment_url: string;
  api_key: string;
  /** The user's login, sent as `email` as the public documentation shows. */
  email: string;
  password: string;
}

export type ApplicationsQuery = NonNullable<
  paths["/public/v1/job-applications/detailed"]["get"]["parameters"]["query"]
>;

const LIST = "/public/v1/job-applications/detailed";

/**
 * The public v1 API (`{environment}/public/v1/...`): `X-DR-API-KEY` on every call plus a Bearer
 * session token (core's `TokenSession`) that is opened lazily, refreshed on a 401 and reopened
 * when the refresh is refused.
 */
export class DigitalRecruitersPublicApi {
  readonly baseUrl: string;
  // Login and refresh: the API key only. Every other call: the key plus the session token.
  readonly #login: Client<paths>;
  readonly #api: Client<paths>;
  readonly #secrets: string[];
  readonly #fetchFile: typeof fetch;
  readonly #fetchOwnFile: typeof fetch;
  readonly #logger: ClientContext["logger"];

  constructor(settings: ClientContext, credentials: PublicApiCredentials) {
    this.baseUrl = digitalRecruitersBaseUrl(settings, credentials.environment_url);
    this.#secrets = [credentials.api_key, credentials.password];
    this.#logger = settings.logger;
    const policy = digitalRecruitersPolicy(settings, this.baseUrl, credentials.api_key, this.#secrets);
    const apiKey = headerAuth({ "X-DR-API-KEY": credentials.api_key });
    // Login and refresh create nothing: they are resent after a 5xx, a reset or a timeout like reads.
    this.#login = createHttpClient<paths>({
      baseUrl: this.baseUrl,
      ...policy,
      auth: apiKey,
      retryNonIdempotent: true,
    });
    const session = new TokenSession({
      logger: settings.logger,
      onTokens: (t) => this.#secrets.push(t.accessToken, ...(t.refreshToken ? [t.refreshToken] : [])),
      login: async () =>
        this.#tokens(
          "POST /users/login",
          await this.#login.POST("/public/v1/users/login", {
            body: { email: credentials.email, password: credentials.password },
          }),
        ),
      refresh: async (refreshToken) =>
        this.#tokens(
          "POST /users/refresh",
          await this.#login.POST("/public/v1/users/refresh", { body: { token: refreshToken } }),
        ),
    });
    const bearer = sessionAuth(session);
    this.#api = createHttpClient<paths>({
      baseUrl: this.baseUrl,
      ...policy,
      auth: async (request) => bearer.auth(await apiKey(request)),
      renewAuth: bearer.renewAuth,
    });
    // Files never get the API key; the session token goes only to the API's own site (downloadCv).
    this.#fetchFile = policyFetch(policy);
    this.#fetchOwnFile = policyFetch({ ...policy, ...bearer });
  }

  /**
   * Every detailed job application from `query.page` on, following `links.next` as the server
   * gives it. The original appended its first query to every next link (`?page=2&page=1`), so a
   * server that honours the last value served page 1 forever; a repeated link now ends the read.
   */
  applications(query: ApplicationsQuery): AsyncGenerator<DigitalRecruitersJobApplication> {
    return paginateNextLink(async (next) => {
      const q = next ? this.#nextQuery(next) : query;
      const res = await this.#api.GET(LIST, { params: { query: q as ApplicationsQuery } });
      const body = res.data;
      // The documented body is `{items, links}`; a `data` envelope is accepted too.
      const page = (body && !("items" in body) && "data" in body ? body.data : body) as typeof body;
      if (!page || typeof page !== "object" || (page.items !== undefined && !Array.isArray(page.items))) {
        throw new Error(`DigitalRecruiters GET ${LIST} returned a body without an items list`);
      }
      const items = page.items ?? [];
      return { items, next: items.length > 0 ? page.links?.next : null };
    });
  }

  /**
   * Downloads a candidate's CV. The session token goes only to the API's own site (the original
   * sent it to any URL found in the data); other hosts get a plain request. Null when the file is
   * gone (404/410), so one missing file does not stop the whole read.
   */
  async downloadCv(url: string): Promise<DownloadedFile | null> {
    const target = new URL(url, `${this.baseUrl}/`).toString();
    const response = await (sameSite(target, this.baseUrl) ? this.#fetchOwnFile : this.#fetchFile)(target);
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => {});
      this.#logger?.warn(`CV not found (HTTP ${response.status}); the application is read without it`);
      return null;
    }
    return readFileResponse(response, target, DIGITALRECRUITERS_VENDOR, this.#secrets);
  }

  #tokens(call: string, res: { data?: unknown }): IssuedTokens {
    const body = (res.data ?? null) as Record<string, unknown> | null;
    const tokens = (body && typeof body.token === "string" ? body : body?.data) as SessionTokens | undefined;
    if (!tokens || typeof tokens.token !== "string" || !tokens.token) {
      throw new Error(`DigitalRecruiters ${call} returned no token`);
    }
    return { accessToken: tokens.token, refreshToken: tokens.refresh_token };
  }

  /** The next link's own query only, sent to the known list endpoint: never to another host. */
  #nextQuery(next: string): Record<string, string> {
    return Object.fromEntries(new URL(next, `${this.baseUrl}/`).searchParams);
  }
}

/** The tokens a login or a refresh answers (the refresh token rotates). */
interface SessionTokens {
  token: string;
  refresh_token?: string | null;
}

/**
 * Whether a URL belongs to the API's site: the same origin, or https hosts under the same parent
 * domain (api.x.com and app.x.com). IP addresses and single-label hosts need the same origin.
 */
export function sameSite(url: string, base: string): boolean {
  const u = new URL(url);
  const b = new URL(base);
  if (u.origin === b.origin) return true;
  if (u.protocol !== "https:" || b.protocol !== "https:") return false;
  const plain = (h: string) => h.includes(".") && !/^[\d.]+$|[:[\]]/.test(h);
  const [x, y] = [u.hostname.toLowerCase(), b.hostname.toLowerCase()];
  return plain(x) && plain(y) && registrable(x) === registrable(y);
}

// The last two labels, or three under a country-code second level such as co.uk.
function registrable(host: string): string {
  const labels = host.split(".");
  const ccSld = labels.length > 2 && labels.at(-1)!.length === 2 && labels.at(-2)!.length <= 3;
  return labels.slice(ccSld ? -3 : -2).join(".");
}
