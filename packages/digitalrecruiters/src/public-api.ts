import type { VendorClient } from "@hrflow-connectors/core";
import { type ClientContext, paginateNextLink } from "@hrflow-connectors/core/http";
import { DIGITALRECRUITERS_VENDOR, type DownloadedFile, readFileResponse } from "./client.js";
import type { paths } from "./generated/digitalrecruiters.js";
import type { DigitalRecruitersJobApplication } from "./objects.js";
import { digitalRecruitersPublicApi } from "./vendor.js";

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
 * The public v1 API (`{environment}/public/v1/...`, see `digitalRecruitersPublicApi`):
 * `X-DR-API-KEY` on every call plus a Bearer session token, opened lazily, refreshed on a 401
 * and reopened when the refresh is refused.
 */
export class DigitalRecruitersPublicApi {
  readonly baseUrl: string;
  readonly #api: VendorClient<paths>;
  readonly #secrets: string[];
  readonly #logger: ClientContext["logger"];

  constructor(settings: ClientContext, credentials: PublicApiCredentials) {
    const { email, ...rest } = credentials;
    this.#api = digitalRecruitersPublicApi.client({ ...settings, auth: { ...rest, username: email } });
    this.baseUrl = this.#api.baseUrl;
    this.#secrets = [credentials.api_key, credentials.password];
    this.#logger = settings.logger;
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
    // Files never get the API key; the session token goes only to the API's own site.
    const fetchCv = sameSite(target, this.baseUrl) ? this.#api.fetchWithCredentials : this.#api.fetchFile;
    const response = await fetchCv(target);
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => {});
      this.#logger?.warn(`CV not found (HTTP ${response.status}); the application is read without it`);
      return null;
    }
    return readFileResponse(response, target, DIGITALRECRUITERS_VENDOR, this.#secrets);
  }

  /** The next link's own query only, sent to the known list endpoint: never to another host. */
  #nextQuery(next: string): Record<string, string> {
    return Object.fromEntries(new URL(next, `${this.baseUrl}/`).searchParams);
  }
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
