import { isOutcomeUnknown } from "../../http/errors.js";
import { isOAuthError, OAuthError } from "../../http/oauth.js";
import { credentialKey } from "../../http/policy.js";
import type { HttpRuntime } from "../../http/runtime.js";
import {
  type IssuedTokens,
  type RenewReason,
  type TokenIssuer,
  TokenSession,
} from "../../http/token-session.js";
import type { Logger } from "../../logging/logger.js";
import { STORE_KEY_VARIABLE } from "../../store/encrypted-store.js";
import { describeHolder, leasesOf } from "../../store/lease.js";
import type { Store } from "../../store/store.js";
import {
  exchangeAuthorizationCode,
  type OAuthCodeGrant,
  type OAuthRequestOptions,
  refreshAccessToken,
} from "./code-grant.js";
import { CodeGrantState } from "./code-store.js";

/**
 * The shared session of an OAuth app using the authorization-code grant: core's token session (which also keeps the tokens it
 * issued lately, for redaction) plus the authorization code its tokens came from, which works once.
 */
class CodeSession extends TokenSession {
  usedCode: string | null = null;
}

/** Token renewals of one app wait this long at most for another run's renewal to end. */
const RENEWAL_WAIT_MS = 60_000;

/** Options of a client's OAuth handle besides how token requests are sent. */
export interface AuthorizationCodeOptions extends OAuthRequestOptions {
  logger?: Logger | undefined;
  /** Sends refreshes, which are safe to resend (a policy fetch that retries POST); default `fetch`. */
  refreshFetch?: typeof fetch | undefined;
  /** Where the refresh token outlives the process; without it a new process exchanges the code again. */
  store?: Store | null | undefined;
  /** Named in the "re-authorize" error. */
  workflowId?: string | undefined;
  /** Where the session is shared (the run's); without one this client keeps its own. */
  runtime?: HttpRuntime | undefined;
  /** The vendor's key: names what the store keeps (`<key>-oauth:...`) and the app's lease. */
  key: string;
}

/**
 * One client's handle on its OAuth app's session, shared in the run's runtime per token URL, client
 * id and secret (`HttpRuntime.session`): the code is exchanged once, tokens are refreshed ahead
 * of expiry and after a 401, and one refresh serves every concurrent call. Renewals this client
 * starts go through its own `issuer` (its run's fetch and logger). The spent-code rule: when the
 * refresh token is refused, only an authorization code other than the one already exchanged is
 * tried; the same code gives the refusal back, and a session without refresh token asks for a new code.
 */
export class AuthorizationCodeOAuth {
  readonly session: TokenSession;
  /** The token requests of this client, for `sessionAuth(session, scheme, issuer)`. */
  readonly issuer: TokenIssuer;
  readonly #grant: OAuthCodeGrant;
  readonly #requests: OAuthRequestOptions;
  readonly #logger: Logger | undefined;
  readonly #session: CodeSession;
  readonly #state: CodeGrantState;
  readonly #workflowId: string | undefined;
  readonly #refreshFetch: typeof fetch;

  constructor(grant: OAuthCodeGrant, options: AuthorizationCodeOptions) {
    const { logger, refreshFetch, store, workflowId, runtime, key: vendorKey, ...requests } = options;
    this.#grant = grant;
    this.#logger = logger;
    this.#state = new CodeGrantState({ store, key: vendorKey, vendor: requests.vendor, app: grant, logger });
    this.#workflowId = workflowId;
    this.#refreshFetch = refreshFetch ?? requests.fetch;
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
    // The key names the code grant: only this class creates sessions under it.
    if (!(shared instanceof CodeSession))
      throw new Error(`${requests.vendor} OAuth: the shared session is not a code session`);
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
    const code = this.#state.fingerprint(this.#grant.authorizationCode);
    const used = await this.#state.usedCode();
    if (!used.ok) {
      throw this.#reauthorize(
        `the saved ${vendor} state cannot be read (${used.why}), so this code may be spent`,
      );
    }
    if (used.value === code) {
      this.#session.usedCode = this.#grant.authorizationCode;
      const saved = await this.#state.loadSealed();
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
          if (!isOAuthError(err) || err.status < 400 || err.status >= 500) throw err;
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
    await this.#state.mark({ code, outcome: "sent" });
    let tokens: IssuedTokens;
    try {
      tokens = await exchangeAuthorizationCode(this.#grant, this.#requests);
    } catch (err) {
      if (!isOutcomeUnknown((err as Error).cause)) {
        await this.#state.mark({ code, outcome: "refused" });
        throw err;
      }
      // The code may be spent: it is never sent again, by this process or a later one.
      this.#session.usedCode = this.#grant.authorizationCode;
      await this.#state.save({ code, outcome: "unknown" });
      throw this.#reauthorize(`the exchange got no complete answer: ${(err as Error).message}`);
    }
    this.#session.usedCode = this.#grant.authorizationCode;
    await this.#state.save({ code, outcome: "tokens", refresh_token: tokens.refreshToken ?? null });
    this.#logger?.info(`${vendor} authorization code exchanged for tokens`);
    return tokens;
  }

  #refresh(refreshToken: string, reason: RenewReason): Promise<IssuedTokens> {
    return this.#exclusive(async () => {
      // Another run sharing the store may have rotated the token since this one got it: theirs is
      // the one still valid (ours is spent), so it is the one to refresh with.
      const saved = await this.#state.loadSealed();
      const code = this.#state.fingerprint(this.#grant.authorizationCode);
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
    // Refresh tokens may rotate (Lever's do): the next process needs the new one.
    if (tokens.refreshToken) {
      const code = this.#state.fingerprint(this.#grant.authorizationCode);
      await this.#state.save({ code, outcome: "tokens", refresh_token: tokens.refreshToken });
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
    if (!this.#state.raw) return renew();
    const leases = leasesOf(this.#state.raw);
    const key = `oauth:${this.#state.storeKey}`;
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
}
