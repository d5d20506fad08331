import createClient, {
  type Client,
  type ClientOptions,
  createQuerySerializer,
  type Middleware,
} from "openapi-fetch";
import { Redactor } from "../logging/redact.js";
import { LeanRequest, peekText } from "./buffered.js";
import { HttpError, isHttpError } from "./errors.js";
import { type HttpPolicy, policyFetch } from "./policy.js";
import { streamedCalls } from "./streamed.js";

/** What an HTTP error middleware needs to build its error. */
export type HttpErrorInit = ConstructorParameters<typeof HttpError>[0] & {
  /** The OpenAPI path template of the call, e.g. `/jobs/{shortcode}`. */
  schemaPath: string;
  /** The body parsed as JSON, or the text when it is not JSON. */
  parsed: unknown;
};

export interface HttpErrorsOptions {
  vendor: string;
  /** Values to mask in messages; a function when secrets are learnt during the run (OAuth tokens). */
  secrets?: (string | undefined)[] | (() => Iterable<string | undefined>);
  /** Builds the error (default `new HttpError(init)`), e.g. a vendor subclass carrying its API message. */
  toError?: (init: HttpErrorInit) => Error;
}

// Responses a caller declared acceptable (see `acceptStatus`); keyed on the response object itself,
// so nothing outlives the call.
const accepted = new WeakSet<Response>();

/**
 * openapi-fetch middleware that throws an HttpError (vendor, method, URL, status, redacted body
 * excerpt) for every non-2xx answer, so call sites only handle data. Installed by createHttpClient.
 */
export function httpErrors(options: HttpErrorsOptions): Middleware {
  const secrets = () =>
    [...(typeof options.secrets === "function" ? options.secrets() : (options.secrets ?? []))].filter(
      (s): s is string => Boolean(s),
    );
  return {
    // Not async: an answer that passes costs no promise of its own.
    onResponse({ request, response, schemaPath }) {
      if (response.ok || accepted.has(response)) return undefined;
      return failed(request, response, schemaPath);
    },
  };
  /** The HttpError of an answer refused, thrown. */
  async function failed(request: Request, response: Response, schemaPath: string): Promise<never> {
    // The policy already read the body, so this cannot be cut short.
    const text = await peekText(response);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const init: HttpErrorInit = {
      vendor: options.vendor,
      status: response.status,
      method: request.method,
      url: request.url,
      body: text,
      redactor: new Redactor(secrets()),
      schemaPath,
      parsed,
    };
    throw options.toError ? options.toError(init) : new HttpError(init);
  }
}

/**
 * A per-call middleware that lets the given statuses through as openapi-fetch results instead of
 * errors, e.g. `client.GET(path, { middleware: [acceptStatus(404)] })` for a lookup that maps 404 to null.
 */
export function acceptStatus(...statuses: number[]): Middleware {
  return {
    onResponse({ response }) {
      if (statuses.includes(response.status)) accepted.add(response);
      return undefined;
    },
  };
}

/** Whether an error is an HttpError with one of the given statuses. */
export function isHttpStatus(err: unknown, ...statuses: number[]): err is HttpError {
  return isHttpError(err) && statuses.includes(err.status);
}

/**
 * Creates an openapi-fetch client whose every call goes through the shared HTTP policy, and whose
 * non-2xx answers throw HttpError (through `httpErrors`; `toError` picks the error class).
 */
export function createHttpClient<Paths extends {}>(
  options: { baseUrl: string } & Omit<HttpPolicy, "secrets"> &
    Omit<ClientOptions, "fetch" | "baseUrl"> &
    Pick<HttpErrorsOptions, "toError"> & { secrets?: HttpErrorsOptions["secrets"] },
): Client<Paths> {
  const {
    baseUrl,
    vendor,
    auth,
    secrets,
    timeoutMs,
    retry,
    rateLimit,
    runtime,
    logger,
    signal,
    fetch,
    toError,
    ...rest
  } = options;
  const {
    renewAuth,
    retryNonIdempotent,
    idempotentMethods,
    maxBodyBytes,
    streamBody,
    stallTimeoutMs,
    concurrency,
    ...clientOptions
  } = rest;
  const wrapped = policyFetch({
    vendor,
    auth,
    // The policy masks the secrets known now; the error middleware asks again for later ones.
    secrets: typeof secrets === "function" ? [...secrets()] : secrets,
    timeoutMs,
    retry,
    rateLimit,
    runtime,
    logger,
    signal,
    fetch,
    renewAuth,
    retryNonIdempotent,
    idempotentMethods,
    maxBodyBytes,
    streamBody,
    stallTimeoutMs,
    concurrency,
    baseUrl,
  });
  // LeanRequest: openapi-fetch's per-call Request without a body stream (see buffered.ts); the
  // policy reads what it needs from it directly.
  const client = createClient<Paths>({
    ...clientOptions,
    // openapi-fetch builds the default serializer anew on every call unless given one.
    querySerializer: clientOptions.querySerializer ?? createQuerySerializer(),
    baseUrl,
    fetch: wrapped,
    Request: LeanRequest as unknown as typeof Request,
  });
  // `parseAs: "stream"` reaches the policy through a mark on the call's request (see streamed.ts).
  client.use(streamedCalls, httpErrors({ vendor, secrets, ...(toError ? { toError } : {}) }));
  return client;
}
