import type { OutgoingRequest } from "../http/auth.js";
import type { HttpPolicy } from "../http/policy.js";
import type { HttpRuntime } from "../http/runtime.js";
import type { Logger } from "../logging/logger.js";
import type { Store } from "../store/store.js";

/** What an auth kind is given to set up one client's credentials. */
export interface CredentialEnv {
  /** The vendor's key (`baseUrls`/`http.rateLimits` key, policy's vendor in errors) and display name. */
  vendor: { key: string; name: string };
  /** The API base URL in force (the run's `baseUrls[key]` override applied). */
  baseUrl: string;
  /** The base of token and login URLs: the run's `baseUrls["<key>_auth"]` override, else `fallback`. */
  authBaseUrl: (fallback: string) => string;
  /** The client's policy without auth (rate limit, retries, timeouts, logger, signal): for token calls. */
  policy: Omit<HttpPolicy, "auth" | "renewAuth">;
  /**
   * The same for an auth server on its own host: named `<key>_auth` in errors, with its own window
   * (`http.rateLimits["<key>_auth"]`, else the vendor's limit) for the same credential.
   */
  authPolicy: Omit<HttpPolicy, "auth" | "renewAuth">;
  /** Where sessions are shared per credential; absent for a standalone client (then it keeps its own). */
  runtime: HttpRuntime | undefined;
  store: Store | null | undefined;
  workflowId: string | undefined;
  logger: Logger | undefined;
}

/** One client's credentials, ready for the policy. */
export interface CredentialSetup {
  /** Sets the credentials on an outgoing call (headers, or the URL for query keys and session URLs). */
  auth: (request: OutgoingRequest) => OutgoingRequest | Promise<OutgoingRequest>;
  /** Renews a refused credential once after a 401 (session kinds); true resends the call. */
  renewAuth?: (refused: OutgoingRequest) => Promise<boolean>;
  /** Every secret to mask, asked again at each error: the user's, and tokens learnt during the run. */
  secrets: () => Iterable<string | undefined>;
  /** Proves the credentials without calling the API (gets a token); static kinds have nothing to do. */
  signIn: () => Promise<void>;
}

/**
 * One credential of an auth kind (`bearer(token)`...): `identity` fingerprints it (the rate limit
 * and sessions are shared per identity), `setup` builds one client's credentials.
 */
export interface Credential {
  readonly kind: string;
  readonly identity: readonly (string | undefined)[];
  setup: (env: CredentialEnv) => CredentialSetup;
}

/** The request with a different URL (query keys, a session's own base URL). */
export function withUrl(request: OutgoingRequest, url: string): OutgoingRequest {
  return { url, method: request.method, headers: request.headers };
}
