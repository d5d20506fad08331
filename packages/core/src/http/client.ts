import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import { Redactor } from "../logging/redact.js";
import { HttpError } from "./errors.js";
import { type HttpPolicy, policyFetch } from "./policy.js";

/** Creates an openapi-fetch client whose every call goes through the shared HTTP policy. */
export function createHttpClient<Paths extends {}>(
  options: { baseUrl: string } & HttpPolicy & Omit<ClientOptions, "fetch" | "baseUrl">,
): Client<Paths> {
  const { baseUrl, vendor, auth, secrets, timeoutMs, retry, rateLimit, logger, signal, fetch, ...rest } =
    options;
  const { renewAuth, retryNonIdempotent, ...clientOptions } = rest;
  const wrapped = policyFetch({
    vendor,
    auth,
    secrets,
    timeoutMs,
    retry,
    rateLimit,
    logger,
    signal,
    fetch,
    renewAuth,
    retryNonIdempotent,
  });
  return createClient<Paths>({ ...clientOptions, baseUrl, fetch: wrapped });
}

/** The shape openapi-fetch returns from every call. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Returns the data of a successful call, or throws an HttpError with status, method, URL and
 * a short redacted body excerpt. A 2xx whose body is not what was expected is the caller's to check.
 */
export function unwrap<T>(result: FetchResult<T>, vendor: string, secrets: (string | undefined)[] = []): T {
  const { response } = result;
  if (response.ok && result.error === undefined) return result.data as T;
  const body = typeof result.error === "string" ? result.error : JSON.stringify(result.error ?? "");
  throw new HttpError({
    vendor,
    status: response.status,
    method: (response as Response & { method?: string }).method ?? "",
    url: response.url,
    body,
    redactor: new Redactor(secrets.filter((s): s is string => Boolean(s))),
  });
}
