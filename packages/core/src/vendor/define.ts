import type { Client } from "openapi-fetch";
import type { z } from "zod";
import type { ClientSettings } from "../contracts/context.js";
import { resolveBaseUrl } from "../contracts/warehouse.js";
import { createHttpClient, type HttpErrorInit } from "../http/client.js";
import { contextPolicy } from "../http/context-policy.js";
import type { ConcurrencyCap } from "../http/endpoint-concurrency.js";
import { credentialKey, policyFetch } from "../http/policy.js";
import type { Logger } from "../logging/logger.js";
import type { Credential } from "./credential.js";

/** A vendor as a connector declares it once (see `defineVendor`). */
export interface VendorDeclaration<Schema extends z.ZodType, Auth = z.output<Schema>> {
  /** The key of run overrides: `baseUrls[key]`, `baseUrls["<key>_auth"]`, `http.rateLimits[key]`. */
  key: string;
  /** The vendor's name for people (token request errors, messages). */
  name: string;
  /** The zod schema of the auth parameters: its output types everything below. */
  auth: Schema;
  /** The real API base URL for these credentials (the run may override it). */
  baseUrl: (auth: Auth) => string;
  /** How calls prove who they are: `bearer`, `apiKey`, `basic`, `loginSession`, `oauth*`. */
  credential: (auth: Auth) => Credential;
  /**
   * Headers every API call carries besides the credential (e.g. Teamtailor's `X-Api-Version`);
   * never sent with `fetchFile`.
   */
  headers?: (auth: Auth) => Record<string, string>;
  /** The vendor's published limit, per credential (the run may override it). */
  rateLimit: { requests: number; perMs: number };
  /** Its caps on calls in flight per credential, e.g. one `GET /candidates` at a time (SmartRecruiters). */
  concurrency?: readonly ConcurrencyCap[];
  /** Builds the error of a non-2xx answer (default `HttpError`), e.g. a subclass with the API's message. */
  toError?: (init: HttpErrorInit) => Error;
  /**
   * Methods the vendor's server may receive twice without creating anything twice (default GET,
   * HEAD, OPTIONS, PUT, DELETE, PATCH). A vendor whose PUT creates (Bullhorn) leaves PUT out.
   */
  idempotentMethods?: readonly string[];
}

/** What a vendor client takes from a read or write context: the auth, and the run's settings. */
export type VendorContext<Auth> = Partial<ClientSettings> & {
  auth: Auth;
  logger?: Logger;
  signal?: AbortSignal;
};

/**
 * A vendor's typed openapi-fetch client, with what the aisles need besides the API calls. A call
 * given `parseAs: "stream"` gets its 2xx body as a byte stream read from the socket as it is
 * consumed (credentials, limits, redaction and retries as any call; retried only until its first
 * bytes arrive, then stopped after `http.timeoutMs` of silence): for exports too large to buffer.
 */
export type VendorClient<Paths extends {}> = Client<Paths> & {
  /** The API base URL in force (overrides applied). */
  readonly baseUrl: string;
  /** Fetches a URL off the API (pre-signed files): same policy, no credentials, outside the API window. */
  readonly fetchFile: typeof fetch;
  /**
   * Fetches a URL on the API's own site with the credentials (a file the API serves, e.g. a CV):
   * the API's policy and window, renewal on 401, without the declaration's `headers`.
   */
  readonly fetchWithCredentials: typeof fetch;
  /** Proves the credentials (asks a token when the kind has one); creates nothing. */
  signIn(): Promise<void>;
};

/** A declared vendor: its declaration, and the client of a context. */
export interface Vendor<Paths extends {}, Schema extends z.ZodType, Auth = z.output<Schema>>
  extends Readonly<VendorDeclaration<Schema, Auth>> {
  /** The client for a context's auth and run (limiter and token session shared per credential). */
  client(
    ctx: VendorContext<Auth>,
    options?: { credential?: (auth: Auth) => Credential },
  ): VendorClient<Paths>;
}

/**
 * Declares a vendor once: core builds its typed client (`paths` from openapi-typescript) through
 * the HTTP policy, with the limiter and token session of each credential in the run's runtime.
 * Curried so `Paths` is given while the auth type is inferred: `defineVendor<paths>()({ ... })`.
 */
export function defineVendor<Paths extends {}>() {
  return <Schema extends z.ZodType>(declaration: VendorDeclaration<Schema>): Vendor<Paths, Schema> => ({
    ...declaration,
    client: (ctx, options) => buildClient<Paths, Schema>(declaration, ctx, options?.credential),
  });
}

function buildClient<Paths extends {}, Schema extends z.ZodType, Auth = z.output<Schema>>(
  vendor: VendorDeclaration<Schema, Auth>,
  ctx: VendorContext<Auth>,
  credentialOf: (auth: Auth) => Credential = vendor.credential,
): VendorClient<Paths> {
  const { auth } = ctx;
  const credential = credentialOf(auth);
  const baseUrl = resolveBaseUrl(ctx, vendor.key, vendor.baseUrl(auth));
  // The budget belongs to the credential on one base URL, so every client of it shares one limiter.
  const identity = credentialKey(baseUrl, ...credential.identity);
  const policy = contextPolicy(ctx, vendor.key, vendor.rateLimit, identity);
  const setup = credential.setup({
    vendor: { key: vendor.key, name: vendor.name },
    baseUrl,
    authBaseUrl: (fallback) => resolveBaseUrl(ctx, `${vendor.key}_auth`, fallback),
    policy,
    authPolicy: contextPolicy(ctx, `${vendor.key}_auth`, vendor.rateLimit, identity),
    runtime: ctx.httpRuntime,
    store: ctx.store,
    workflowId: ctx.workflowId,
    logger: ctx.logger,
  });
  const headers = Object.entries(vendor.headers?.(auth) ?? {});
  const client = createHttpClient<Paths>({
    ...policy,
    baseUrl,
    auth: headers.length
      ? (request) => {
          for (const [name, value] of headers) request.headers.set(name, value);
          return setup.auth(request);
        }
      : setup.auth,
    ...(setup.renewAuth ? { renewAuth: setup.renewAuth } : {}),
    secrets: setup.secrets,
    ...(vendor.toError ? { toError: vendor.toError } : {}),
    ...(vendor.idempotentMethods ? { idempotentMethods: vendor.idempotentMethods } : {}),
    ...(vendor.concurrency ? { concurrency: vendor.concurrency } : {}),
  });
  // Files live on other hosts: never the credentials, and not counted against the API window.
  const { rateLimit: _apiWindow, ...filePolicy } = policy;
  const fetchFile = policyFetch({ ...filePolicy, secrets: [...setup.secrets()] });
  const fetchWithCredentials = policyFetch({
    ...policy,
    auth: setup.auth,
    ...(setup.renewAuth ? { renewAuth: setup.renewAuth } : {}),
    secrets: [...setup.secrets()],
  });
  return Object.assign(client, { baseUrl, fetchFile, fetchWithCredentials, signIn: setup.signIn });
}
