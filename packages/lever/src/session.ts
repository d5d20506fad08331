import {
  credentialKey,
  EncryptedStore,
  type IssuedTokens,
  isOutcomeUnknown,
  type Logger,
  type RenewReason,
  STORE_KEY_VARIABLE,
  type Store,
  sharedTokenSession,
  storeKeyFromEnv,
  type TokenIssuer,
  TokenSession,
} from "@hrflow-connectors/core";
import {
  exchangeAuthorizationCode,
  type OAuthCodeGrant,
  OAuthError,
  type OAuthRequestOptions,
  refreshAccessToken,
} from "./oauth.js";

/**
 * The shared session of a Lever OAuth app: core's token session (which also keeps the tokens it
 * issued lately, for redaction) plus the authorization code its tokens came from, which works once.
 */
class CodeSession extends TokenSession {
  usedCode: string | null = null;
}

/**
 * What the state store keeps per OAuth app (not per workflow: workflows sharing an app share its
 * rotating refresh token). `code` is a fingerprint of the authorization code, never the code.
 */
interface Persisted {
  code: string;
  /** "tokens": the code yielded tokens; "unknown": its exchange lost its answer (it may be spent). */
  outcome: "tokens" | "unknown";
  refresh_token?: string | null;
}

/** Options of a client's OAuth handle besides how token requests are sent. */
export interface LeverOAuthOptions extends OAuthRequestOptions {
  logger?: Logger | undefined;
  /** Sends refreshes, which are safe to resend (a policy fetch that retries POST); default `fetch`. */
  refreshFetch?: typeof fetch | undefined;
  /** Where the refresh token outlives the process; without it a new process exchanges the code again. */
  store?: Store | null | undefined;
  /** Named in the "re-authorize" error. */
  workflowId?: string | undefined;
}

/**
 * One client's handle on its OAuth app's session, shared by the process per token URL, client id
 * and secret (core's `sharedTokenSession`): the code is exchanged once, tokens are refreshed ahead
 * of expiry and after a 401, and one refresh serves every concurrent call. Renewals this client
 * starts go through its own `issuer` (its run's fetch and logger). The spent-code rule: when the
 * refresh token is refused, only an authorization code other than the one already exchanged is
 * tried; the same code gives the refusal back, and a session without refresh token asks for a new code.
 */
export class LeverOAuth {
  readonly session: TokenSession;
  /** The token requests of this client, for `sessionAuth(session, scheme, issuer)`. */
  readonly issuer: TokenIssuer;
  readonly #grant: OAuthCodeGrant;
  readonly #requests: OAuthRequestOptions;
  readonly #logger: Logger | undefined;
  readonly #session: CodeSession;
  readonly #store: Store | null;
  /** Whether the store seals what it keeps (AES-256-GCM): only then may it hold a refresh token. */
  readonly #sealed: boolean;
  readonly #storeKey: string;
  readonly #workflowId: string | undefined;
  readonly #refreshFetch: typeof fetch;

  constructor(grant: OAuthCodeGrant, options: LeverOAuthOptions) {
    const { logger, refreshFetch, store, workflowId, ...requests } = options;
    this.#grant = grant;
    this.#logger = logger;
    // A refresh token is a secret: it reaches the store only encrypted, under the key of
    // HRFLOW_CONNECTORS_STORE_KEY. Without a key the store keeps the code's fingerprint and outcome.
    const sealKey = store && process.env[STORE_KEY_VARIABLE]?.trim() ? storeKeyFromEnv() : null;
    this.#store = store && sealKey ? new EncryptedStore(store, sealKey) : (store ?? null);
    this.#sealed = sealKey !== null;
    this.#workflowId = workflowId;
    this.#refreshFetch = refreshFetch ?? requests.fetch;
    this.#storeKey = `lever-oauth:${credentialKey(grant.tokenUrl, grant.clientId, grant.clientSecret)}`;
    this.#requests = { ...requests, secrets: () => this.#session.recentTokens() };
    this.issuer = {
      login: () => this.#exchange(),
      refresh: (refreshToken, reason) => this.#refresh(refreshToken, reason),
      loginAfterRefusedRefresh: () => {
        if (this.#session.usedCode === this.#grant.authorizationCode) return false;
        this.#logger?.warn(
          `${this.#requests.vendor} token refresh failed; exchanging the configured authorization code`,
        );
        return true;
      },
    };
    const key = `oauth-code|${credentialKey(grant.tokenUrl, grant.clientId, grant.clientSecret)}`;
    const shared = sharedTokenSession(key, () => new CodeSession(this.issuer));
    // The key names Lever's code grant: only this class creates sessions under it.
    if (!(shared instanceof CodeSession))
      throw new Error("Lever OAuth: the shared session is not a code session");
    this.#session = shared;
    this.session = shared;
  }

  /** Every secret value this client knows (client secret, code, recent tokens), for redaction. */
  secrets(): string[] {
    return [this.#grant.clientSecret, this.#grant.authorizationCode, ...this.#session.recentTokens()];
  }

  async #exchange(): Promise<IssuedTokens> {
    const { vendor } = this.#requests;
    if (this.#session.usedCode === this.#grant.authorizationCode) {
      throw new OAuthError(
        `${vendor} gave no refresh token and the authorization code was already used; a new authorization code is needed`,
        401,
      );
    }
    const code = codeFingerprint(this.#grant.authorizationCode);
    const saved = await this.#load();
    if (saved?.code === code) {
      this.#session.usedCode = this.#grant.authorizationCode;
      // A code that yielded tokens is never needed again: its refresh token takes over.
      if (saved.outcome === "tokens" && saved.refresh_token) {
        try {
          return await this.#refresh(saved.refresh_token, "expiry");
        } catch (err) {
          if (!(err instanceof OAuthError) || err.status < 400 || err.status >= 500) throw err;
          throw this.#reauthorize(`its saved refresh token was refused (${err.message})`);
        }
      }
      throw this.#reauthorize("an earlier run sent it and never got the answer");
    }
    let tokens: IssuedTokens;
    try {
      tokens = await exchangeAuthorizationCode(this.#grant, this.#requests);
    } catch (err) {
      if (!isOutcomeUnknown((err as Error).cause)) throw err;
      // The code may be spent: it is never sent again, by this process or a later one.
      this.#session.usedCode = this.#grant.authorizationCode;
      await this.#save({ code, outcome: "unknown" });
      throw this.#reauthorize(`the exchange got no complete answer: ${(err as Error).message}`);
    }
    this.#session.usedCode = this.#grant.authorizationCode;
    await this.#save({ code, outcome: "tokens", refresh_token: tokens.refreshToken ?? null });
    this.#logger?.info(`${vendor} authorization code exchanged for tokens`);
    return tokens;
  }

  async #refresh(refreshToken: string, reason: RenewReason): Promise<IssuedTokens> {
    const requests = { ...this.#requests, fetch: this.#refreshFetch };
    const tokens = await refreshAccessToken(this.#grant, refreshToken, requests);
    // Lever rotates refresh tokens: the next process needs the new one.
    if (tokens.refreshToken) {
      const code = codeFingerprint(this.#grant.authorizationCode);
      await this.#save({ code, outcome: "tokens", refresh_token: tokens.refreshToken });
    }
    const why = reason === "refused" ? "rejected" : reason;
    this.#logger?.info(`${this.#requests.vendor} access token refreshed (${why})`);
    return tokens;
  }

  #reauthorize(why: string): OAuthError {
    const workflow = this.#workflowId ? ` for workflow ${this.#workflowId}` : "";
    return new OAuthError(
      `${this.#requests.vendor} authorization code cannot be used: ${why}. A code works once and this one may be spent, so it is not sent again: re-authorize the app in ${this.#requests.vendor} and set a new authorization_code${workflow}`,
      401,
    );
  }

  async #load(): Promise<Persisted | null> {
    if (!this.#store) return null;
    try {
      return (await this.#store.load(this.#storeKey)) as Persisted | null;
    } catch (err) {
      this.#logger?.warn(
        `Could not read the saved ${this.#requests.vendor} tokens: ${(err as Error).message}`,
      );
      return null;
    }
  }

  async #save(value: Persisted): Promise<void> {
    if (!this.#store) return;
    if (!this.#sealed && value.refresh_token) {
      this.#logger?.warn(
        `${this.#requests.vendor} refresh token kept in memory only: set ${STORE_KEY_VARIABLE} (32-byte key) to keep it encrypted in the state store for the next process`,
      );
      value = { ...value, refresh_token: null };
    }
    try {
      await this.#store.save(this.#storeKey, value);
    } catch (err) {
      this.#logger?.warn(`Could not save the ${this.#requests.vendor} tokens: ${(err as Error).message}`);
    }
  }
}

/** A stable fingerprint of an authorization code, so the store never holds the code itself. */
function codeFingerprint(code: string): string {
  return credentialKey("lever-code", code);
}
