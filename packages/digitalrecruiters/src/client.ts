import type { VendorClient } from "@hrflow-connectors/core";
import {
  type ClientContext,
  contextPolicy,
  credentialKey,
  type DownloadedFile,
  policyFetch,
  readDownloadedFile,
} from "@hrflow-connectors/core/http";
import { exportAds } from "./export-stream.js";
import type { paths } from "./generated/digitalrecruiters.js";
import type { DigitalRecruitersApplyBody, DigitalRecruitersJobAd } from "./objects.js";
import { digitalRecruiters } from "./vendor.js";

/** The vendor key of base URL and rate-limit overrides (`baseUrls.digitalrecruiters`, `http.rateLimits.digitalrecruiters`). */
export const DIGITALRECRUITERS_VENDOR = digitalRecruiters.key;
/**
 * DigitalRecruiters publishes no rate limit; this courtesy budget (per environment and credential)
 * keeps a run from hammering a customer's environment. Override it with `http.rateLimits`.
 */
export const DIGITALRECRUITERS_RATE_LIMIT = digitalRecruiters.rateLimit;

// A downloaded file is core's shape, read by core (the name stays for callers of this module).
export { type DownloadedFile, readDownloadedFile as readFileResponse } from "@hrflow-connectors/core/http";
export { environmentRoot } from "./vendor.js";

// The policy's default per-attempt timeout, used here as the longest silence of the export's body.
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The token-in-path endpoints: the job-ad export and the candidate apply. They take no auth
 * header; the token travels in the path, so it is redacted from every error and log.
 */
export class DigitalRecruitersClient {
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;
  readonly #token: string;
  readonly #secrets: string[];
  readonly #settings: ClientContext;

  constructor(settings: ClientContext, credentials: { environment_url: string; token: string }) {
    this.api = digitalRecruiters.client({ ...settings, auth: credentials });
    this.baseUrl = this.api.baseUrl;
    this.#token = credentials.token;
    this.#secrets = [...new Set([credentials.token, encodeURIComponent(credentials.token)])];
    this.#settings = settings;
  }

  /**
   * Every job ad of the export, parsed as the body streams in. The export is one document that DR
   * does not page; read whole it held every ad at once (and met the body-size limit).
   */
  async *jobAds(): AsyncGenerator<DigitalRecruitersJobAd> {
    const url = `${this.baseUrl}/export/job-ads/${encodeURIComponent(this.#token)}`;
    // Stops the transfer when the body stalls: the attempt's own timeout ends with the headers.
    const transfer = new AbortController();
    // The API's policy and window (keyed as the API client's limiter is: base URL and token), the
    // body handed over unread (streamBody). The global fetch streams it; core's transport buffers
    // every body.
    const streamed = policyFetch({
      ...contextPolicy(
        this.#settings,
        DIGITALRECRUITERS_VENDOR,
        DIGITALRECRUITERS_RATE_LIMIT,
        credentialKey(this.baseUrl, this.#token),
      ),
      secrets: this.#secrets,
      streamBody: true,
      fetch: (input, init) =>
        globalThis.fetch(input, {
          ...init,
          signal: init?.signal ? AbortSignal.any([init.signal, transfer.signal]) : transfer.signal,
        }),
    });
    const response = await streamed(url, { method: "GET", headers: { accept: "application/json" } });
    // A refusal becomes the HttpError every call gives (token masked); its body is released unread.
    if (!response.ok) await readDownloadedFile(response, url, DIGITALRECRUITERS_VENDOR, this.#secrets);
    if (!response.body) throw new Error("DigitalRecruiters GET /export/job-ads returned an empty body");
    const ms = this.#settings.http?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    yield* exportAds(response.body, { ms, stop: (reason) => transfer.abort(reason) });
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

  /**
   * Downloads a file that needs no credential (a pre-signed HrFlow.ai attachment URL) through the
   * run's policy (timeout, retries), never with the token.
   */
  async downloadPublicFile(url: string): Promise<DownloadedFile> {
    return readDownloadedFile(await this.api.fetchFile(url), url, "file");
  }
}
