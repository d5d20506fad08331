import {
  credentialKey,
  describeHolder,
  EncryptedStore,
  type HttpRuntime,
  type IssuedTokens,
  isOutcomeUnknown,
  type Logger,
  leasesOf,
  type RenewReason,
  STORE_KEY_VARIABLE,
  type Store,
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

/**
 * What the store keeps in plain text beside the sealed state: which code was sent and how it went,
 * so a sealed state that cannot be opened (changed or missing key, garbage) still tells a spent
 * code from a new one.
 */
interface CodeMark {
  code: string;
  /**
   * "sent": sent, answer not recorded (the process may have died); "refused": answered with an
   * error, so not spent by us and free to send again; then as in `Persisted`.
   */
  outcome: "sent" | "refused" | "tokens" | "unknown";
}

/** A value read from the store, or why it cannot be. */
type Read<T> = { ok: true; value: T | null } | { ok: false; why: string };

/** Token renewals of one app wait this long at most for another run's renewal to end. */
const RENEWAL_WAIT_MS = 60_000;

/** Options of a client's OAuth handle besides how token requests are sent. */
export interface LeverOAuthOptions extends OAuthRequestOptions {
  logger?: Logger | undefined;
  /** Sends refreshes, which are safe to resend (a policy fetch that retries POST); default `fetch`. */
  refreshFetch?: typeof fetch | undefined;
  /** Where the refresh token outlives the process; without it a new process exchanges the code again. */
  store?: Store | null | undefined;
  /** Named in the "re-authorize" error. */
  workflowId?: string | undefined;
  /** Where the session is shared (the run's); without one this client keeps its own. */
  runtime?: HttpRuntime | undefined;
}

/**
 * One client's handle on its OAuth app's session, shared in the run's runtime per token URL, client
 * id and secret (`HttpRuntime.session`): the code is exchanged once, tokens are refreshed ahead
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
  /** The store as given (not sealed): code marks and the renewal lease live there. */
  readonly #raw: Store | null;
  /** Whether the store seals what it keeps (AES-256-GCM): only then may it hold a refresh token. */
  readonly #sealed: boolean;
  readonly #storeKey: string;
  readonly #workflowId: string | undefined;
  readonly #refreshFetch: typeof fetch;

  constructor(grant: OAuthCodeGrant, options: LeverOAuthOptions) {
    const { logger, refreshFetch, store, workflowId, runtime, ...requests } = options;
    this.#grant = grant;
    this.#logger = logger;
    // A refresh token is a secret: it reaches the store only encrypted, under the key of
    // HRFLOW_CONNECTORS_STORE_KEY. Without a key the store keeps the code's fingerprint and outcome.
    const sealKey = store && process.env[STORE_KEY_VARIABLE]?.trim() ? storeKeyFromEnv() : null;
    this.#store = store && sealKey ? new EncryptedStore(store, sealKey) : (store ?? null);
    this.#raw = store ?? null;
    this.#sealed = sealKey !== null;
    if (store && !sealKey) {
      logger?.warn(
        `${STORE_KEY_VARIABLE} is not set: ${requests.vendor}'s rotating refresh token is kept in memory only, so the next process or a second run of this app must be re-authorized. Set it to a 32-byte key (e.g. openssl rand -base64 32) and keep it with the state store`,
      );
    }
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
    const create = () => new CodeSession(this.issuer);
    const shared = runtime ? runtime.session(key, create) : create();
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
    return this.#exclusive(() => this.#exchangeHeld());
  }

  /** The login, while this process holds the app's renewal lease. */
  async #exchangeHeld(): Promise<IssuedTokens> {
    const { vendor } = this.#requests;
    const code = codeFingerprint(this.#grant.authorizationCode);
    const used = await this.#usedCode();
    if (!used.ok) {
      throw this.#reauthorize(
        `the saved ${vendor} state cannot be read (${used.why}), so this code may be spent`,
      );
    }
    if (used.value === code) {
      this.#session.usedCode = this.#grant.authorizationCode;
      const saved = await this.#loadSealed();
      if (!saved.ok) {
        throw this.#reauthorize(
          `it was exchanged before and the saved refresh token cannot be read (${saved.why})`,
        );
      }
      // A code that yielded tokens is never needed again: its refresh token takes over.
      if (saved.value?.outcome === "tokens" && saved.value.refresh_token) {
        try {
          return await this.#refreshHeld(saved.value.refresh_token, "expiry");
        } catch (err) {
          if (!(err instanceof OAuthError) || err.status < 400 || err.status >= 500) throw err;
          throw this.#reauthorize(`its saved refresh token was refused (${err.message})`);
        }
      }
      if (saved.value?.outcome === "tokens") {
        throw this.#reauthorize(
          `it was exchanged before and its refresh token was not kept (${STORE_KEY_VARIABLE} was not set)`,
        );
      }
      throw this.#reauthorize("an earlier run sent it and never got the answer");
    }
    // Marked before it is sent: a process killed mid-exchange leaves the code known as spent.
    await this.#mark({ code, outcome: "sent" });
    let tokens: IssuedTokens;
    try {
      tokens = await exchangeAuthorizationCode(this.#grant, this.#requests);
    } catch (err) {
      if (!isOutcomeUnknown((err as Error).cause)) {
        await this.#mark({ code, outcome: "refused" });
        throw err;
      }
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

  #refresh(refreshToken: string, reason: RenewReason): Promise<IssuedTokens> {
    return this.#exclusive(async () => {
      // Another run sharing the store may have rotated the token since this one got it: theirs is
      // the one still valid (ours is spent), so it is the one to refresh with.
      const saved = await this.#loadSealed();
      const code = codeFingerprint(this.#grant.authorizationCode);
      const newer = saved.ok && saved.value?.code === code ? saved.value.refresh_token : null;
      if (newer && newer !== refreshToken) {
        this.#logger?.info(
          `${this.#requests.vendor} refresh token was rotated by another run: using the rotated one`,
        );
        return this.#refreshHeld(newer, reason);
      }
      return this.#refreshHeld(refreshToken, reason);
    });
  }

  async #refreshHeld(refreshToken: string, reason: RenewReason): Promise<IssuedTokens> {
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

  /**
   * Runs a code exchange or a refresh while holding the app's lease in the store, so runs of
   * other processes sharing the store never spend the same code or refresh token at once.
   */
  async #exclusive<T>(renew: () => Promise<T>): Promise<T> {
    if (!this.#raw) return renew();
    const leases = leasesOf(this.#raw);
    const key = `oauth:${this.#storeKey}`;
    const deadline = Date.now() + RENEWAL_WAIT_MS;
    for (;;) {
      const attempt = await leases.acquire(key, { ttlMs: RENEWAL_WAIT_MS });
      if (attempt.acquired) {
        try {
          return await renew();
        } finally {
          await attempt.lease.release().catch(() => {});
        }
      }
      if (Date.now() > deadline) {
        throw new OAuthError(
          `${this.#requests.vendor} token renewal: another run has been renewing for over a minute (${describeHolder(attempt.holder)})`,
          0,
        );
      }
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 50));
    }
  }

  #reauthorize(why: string): OAuthError {
    const workflow = this.#workflowId ? ` for workflow ${this.#workflowId}` : "";
    return new OAuthError(
      `${this.#requests.vendor} authorization code cannot be used: ${why}. A code works once and this one may be spent, so it is not sent again: re-authorize the app in ${this.#requests.vendor} and set a new authorization_code${workflow}`,
      401,
    );
  }

  /** The fingerprint of the code sent last: from its plain mark, else from the sealed state. */
  async #usedCode(): Promise<Read<string>> {
    if (!this.#raw) return { ok: true, value: null };
    let mark: unknown;
    try {
      mark = await this.#raw.load(this.#markKey());
    } catch (err) {
      return { ok: false, why: (err as Error).message };
    }
    if (mark !== null) {
      const { code, outcome } = mark as Partial<CodeMark>;
      if (typeof code !== "string") return { ok: false, why: "its code mark is not valid" };
      return { ok: true, value: outcome === "refused" ? null : code };
    }
    const saved = await this.#loadSealed();
    return saved.ok ? { ok: true, value: saved.value?.code ?? null } : saved;
  }

  async #loadSealed(): Promise<Read<Persisted>> {
    if (!this.#store) return { ok: true, value: null };
    let value: unknown;
    try {
      value = await this.#store.load(this.#storeKey);
    } catch (err) {
      return { ok: false, why: (err as Error).message };
    }
    if (value === null) return { ok: true, value: null };
    if (!this.#sealed && (value as { $sealed?: unknown }).$sealed) {
      return { ok: false, why: `it is sealed and ${STORE_KEY_VARIABLE} is not set` };
    }
    if (typeof (value as Partial<Persisted>).code !== "string") return { ok: false, why: "it is not valid" };
    return { ok: true, value: value as Persisted };
  }

  #markKey(): string {
    return `lever-oauth-code:${this.#storeKey.slice("lever-oauth:".length)}`;
  }

  async #mark(mark: CodeMark): Promise<void> {
    if (!this.#raw) return;
    await this.#raw.save(this.#markKey(), mark);
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
      await this.#mark({ code: value.code, outcome: value.outcome });
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
