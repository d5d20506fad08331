import type { ClientSettings } from "@hrflow-connectors/core/contracts";
import {
  type ClientContext,
  contextPolicy,
  createHttpClient,
  credentialKey,
  type DownloadedFile,
  type HttpPolicy,
  policyFetch,
  readDownloadedFile,
  resolveBaseUrl,
} from "@hrflow-connectors/core/http";
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/digitalrecruiters.js";
import type { DigitalRecruitersApplyBody, DigitalRecruitersJobAd } from "./objects.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.digitalrecruiters`, `http.rateLimits.digitalrecruiters`). */
export const DIGITALRECRUITERS_VENDOR = "digitalrecruiters";
/**
 * DigitalRecruiters publishes no rate limit; this courtesy budget (per environment and credential)
 * keeps a run from hammering a customer's environment. Override it with `http.rateLimits`.
 */
export const DIGITALRECRUITERS_RATE_LIMIT = { requests: 10, perMs: 1_000 } as const;

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

/** The base URL to call, honouring the run's `baseUrls.digitalrecruiters` override. */
export function digitalRecruitersBaseUrl(
  settings: Partial<ClientSettings> | undefined,
  environmentUrl: string,
): string {
  return resolveBaseUrl(settings, DIGITALRECRUITERS_VENDOR, environmentRoot(environmentUrl));
}

/** The shared HTTP policy of every DR call: the run's settings, and one rate budget per credential. */
export function digitalRecruitersPolicy(
  settings: ClientContext,
  baseUrl: string,
  credential: string,
  secrets: string[],
): Omit<HttpPolicy, "auth" | "fetch"> {
  const key = credentialKey(baseUrl, credential);
  return { ...contextPolicy(settings, DIGITALRECRUITERS_VENDOR, DIGITALRECRUITERS_RATE_LIMIT, key), secrets };
}

// A downloaded file is core's shape, read by core (the name stays for callers of this module).
export { type DownloadedFile, readDownloadedFile as readFileResponse } from "@hrflow-connectors/core/http";

/**
 * The token-in-path endpoints: the job-ad export and the candidate apply. They take no auth
 * header; the token travels in the path, so it is redacted from every error and log.
 */
export class DigitalRecruitersClient {
  readonly api: Client<paths>;
  readonly baseUrl: string;
  readonly #token: string;
  readonly #secrets: string[];

  constructor(settings: ClientContext, credentials: { environment_url: string; token: string }) {
    this.baseUrl = digitalRecruitersBaseUrl(settings, credentials.environment_url);
    this.#token = credentials.token;
    this.#secrets = [credentials.token, encodeURIComponent(credentials.token)];
    this.api = createHttpClient<paths>({
      baseUrl: this.baseUrl,
      ...digitalRecruitersPolicy(settings, this.baseUrl, credentials.token, this.#secrets),
    });
  }

  /** Every job ad of the export. The export is one document; DR does not page it. */
  async *jobAds(): AsyncGenerator<DigitalRecruitersJobAd> {
    const { data } = await this.api.GET("/export/job-ads/{token}", {
      params: { path: { token: this.#token } },
    });
    if (!data || typeof data !== "object" || Array.isArray(data)) {
      throw new Error("DigitalRecruiters GET /export/job-ads returned a body without an ads list");
    }
    if (data.ads !== undefined && !Array.isArray(data.ads)) {
      throw new Error("DigitalRecruiters GET /export/job-ads returned `ads` that is not a list");
    }
    yield* data.ads ?? [];
  }

  /**
   * Applies a candidate to a job ad. 201 is a success; 202 too ("created, but some information
   * is missing"), which is returned so the caller can warn. Any other status throws.
   */
  async apply(body: DigitalRecruitersApplyBody): Promise<201 | 202> {
    const res = await this.api.POST("/api/candidate/apply/{token}", {
      params: { path: { token: this.#token } },
      body,
    });
    return res.response.status === 202 ? 202 : 201;
  }
}

/**
 * Downloads a file that needs no credential (a pre-signed HrFlow.ai attachment URL), through the
 * run's policy (timeout, retries, DR's courtesy budget per file host), never with a token.
 */
export async function downloadPublicFile(settings: ClientContext, url: string): Promise<DownloadedFile> {
  const fetchFile = policyFetch(
    contextPolicy(settings, "file", DIGITALRECRUITERS_RATE_LIMIT, new URL(url).host),
  );
  return readDownloadedFile(await fetchFile(url), url, "file");
}
