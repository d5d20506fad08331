import type { VendorClient } from "@hrflow-connectors/core";
import { type ClientContext, type DownloadedFile, readDownloadedFile } from "@hrflow-connectors/core/http";
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

/**
 * The token-in-path endpoints: the job-ad export and the candidate apply. They take no auth
 * header; the token travels in the path, so it is redacted from every error and log.
 */
export class DigitalRecruitersClient {
  readonly api: VendorClient<paths>;
  readonly baseUrl: string;
  readonly #token: string;

  constructor(settings: ClientContext, credentials: { environment_url: string; token: string }) {
    this.api = digitalRecruiters.client({ ...settings, auth: credentials });
    this.baseUrl = this.api.baseUrl;
    this.#token = credentials.token;
  }

  /**
   * Every job ad of the export, parsed as the body streams in. The export is one document that DR
   * does not page; read whole it held every ad at once (and met the body-size limit).
   */
  async *jobAds(): AsyncGenerator<DigitalRecruitersJobAd> {
    // Streamed by core's policy: retried until its first bytes arrive, then each silence longer
    // than the run's http.timeoutMs stops it; a refusal throws the HttpError (token masked).
    const { data } = await this.api.GET("/export/job-ads/{token}", {
      params: { path: { token: this.#token } },
      headers: { accept: "application/json" },
      parseAs: "stream",
    });
    if (!data) throw new Error("DigitalRecruiters GET /export/job-ads returned an empty body");
    yield* exportAds(data);
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
