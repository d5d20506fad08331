import { apiKey, defineVendor } from "@hrflow-connectors/core";
import { hrflowError } from "./errors.js";
import type { paths } from "./generated/hrflow.js";
import { hrflowAuthSchema } from "./schemas.js";

/** HrFlow.ai's API v1. */
export const HRFLOW_BASE_URL = "https://api.hrflow.ai/v1";

/**
 * HrFlow.ai: an API key acting for a user (`X-API-KEY`, `X-USER-EMAIL`); failures are
 * `HrFlowError`s carrying the envelope's message. HrFlow.ai publishes no request limit (its SDK's
 * limiter defaults to none), so 50 per second is a self-imposed ceiling per credential that keeps
 * bulk runs polite; 429s are still retried. Overrides: `baseUrls.hrflow`, `http.rateLimits.hrflow`.
 */
export const hrflow = defineVendor<paths>()({
  key: "hrflow",
  name: "HrFlow.ai",
  auth: hrflowAuthSchema,
  baseUrl: () => HRFLOW_BASE_URL,
  credential: (auth) =>
    apiKey(auth.api_secret, { header: "X-API-KEY", headers: { "X-USER-EMAIL": auth.api_user } }),
  rateLimit: { requests: 50, perMs: 1000 },
  toError: hrflowError,
});
