import type { Logger } from "../logging/logger.js";
import type { AuthInjector, OutgoingRequest } from "./auth.js";

/** What a login or a refresh returns. */
export interface IssuedTokens {
  accessToken: string;
  /** Null or absent when the vendor issues none; may rotate on each refresh. */
  refreshToken?: string | null | undefined;
  /** Lifetime of the access token; absent means "until the vendor refuses it". */
  expiresInSeconds?: number | null | undefined;
}

/** Why a held token is being renewed: it is about to expire, or the vendor refused it (401). */
export type RenewReason = "expiry" | "refused";

/** The vendor's token requests. */
export interface TokenIssuer {
  /** Opens a session from the user's credentials (password, client credentials, authorization code). */
  login: () => Promise<IssuedTokens>;
  /** Exchanges a refresh token for new tokens; a refused refresh falls back to `login`. */
  refresh?: (refreshToken: string, reason: RenewReason) => Promise<IssuedTokens>;
  /**
   * Whether a refused refresh may fall back to `login` (default: always). Returning false throws
   * the refresh's error instead, e.g. when the login would spend a single-use authorization code.
   */
  loginAfterRefusedRefresh?: (error: unknown) => boolean;
}

export interface TokenSessionOptions extends TokenIssuer {
  /** Renew this long before expiry (default 60 s, or a tenth of the lifetime when that is shorter). */
  earlyMs?: number;
  logger?: Logger;
  /** Told every new access and refresh token, e.g. to register them for redaction. */
  onTokens?: (tokens: IssuedTokens) => void;
}

// Enough for the tokens in force plus those that calls still in flight may have used.
const REMEMBERED_TOKENS = 8;

interface Held extends IssuedTokens {
  /** Epoch ms after which the token is renewed before use. */
  renewAt: number;
}

/**
 * A bearer-token session: lazy login, renewal before expiry, and renewal after a 401. Calls that
 * were refused ask `renew` with the token they used; only the first renews and the others reuse its
 * result, so concurrent calls never spend a rotating refresh token twice.
 *
 * A session shared between clients (`HttpRuntime.session`) outlives the run that created it: each
 * caller may pass its own `TokenIssuer`, so a renewal it starts goes through its own run's fetch
 * (signal, logger, retries) rather than the first run's.
 */
export class TokenSession {
  readonly #options: TokenSessionOptions;
  #held: Held | null = null;
  #pending: Promise<Held> | null = null;
  /** The access and refresh tokens issued last, newest at the end. */
  readonly #recent: string[] = [];

  constructor(options: TokenSessionOptions) {
    this.#options = options;
  }

  /** A valid access token, logging in or refreshing (through `issuer`, default the session's) as needed. */
  async token(issuer: TokenIssuer = this.#options): Promise<string> {
    if (this.#pending) return (await this.#pending).accessToken;
    if (this.#held && Date.now() < this.#held.renewAt) return this.#held.accessToken;
    const open = () => (this.#held ? this.#renewNow(issuer, "expiry") : issuer.login());
    return (await this.#once(open)).accessToken;
  }

  /** A token newer than `refused` (the one a call was refused with). */
  async renew(refused: string, issuer: TokenIssuer = this.#options): Promise<string> {
    if (this.#pending) return (await this.#pending).accessToken;
    if (this.#held && this.#held.accessToken !== refused) return this.#held.accessToken;
    return (await this.#once(() => this.#renewNow(issuer, "refused"))).accessToken;
  }

  /** The tokens this session issued lately (access and refresh), so every client using it can mask them. */
  recentTokens(): readonly string[] {
    return this.#recent;
  }

  /** Forgets the tokens; the next call logs in again. */
  reset(): void {
    this.#held = null;
  }

  async #renewNow(issuer: TokenIssuer, reason: RenewReason): Promise<IssuedTokens> {
    const refreshToken = this.#held?.refreshToken;
    if (issuer.refresh && refreshToken) {
      try {
        return await issuer.refresh(refreshToken, reason);
      } catch (err) {
        if (issuer.loginAfterRefusedRefresh?.(err) === false) throw err;
        this.#options.logger?.warn(`Token refresh refused (${(err as Error).message}); logging in again`);
      }
    }
    return issuer.login();
  }

  #remember(tokens: IssuedTokens): void {
    for (const t of [tokens.accessToken, tokens.refreshToken]) {
      if (t && !this.#recent.includes(t)) this.#recent.push(t);
    }
    this.#recent.splice(0, Math.max(0, this.#recent.length - REMEMBERED_TOKENS));
  }

  #once(open: () => Promise<IssuedTokens>): Promise<Held> {
    if (!this.#pending) {
      this.#pending = open()
        .then((tokens) => {
          // Zero is a lifetime too (renew before every use); only an absent one means "until refused".
          const seconds = tokens.expiresInSeconds;
          const lifeMs = seconds != null ? Math.max(0, seconds) * 1000 : Number.POSITIVE_INFINITY;
          const early = Math.min(this.#options.earlyMs ?? 60_000, lifeMs / 10);
          const held: Held = { ...tokens, renewAt: Date.now() + lifeMs - early };
          // A refresh that returns no refresh token keeps the previous one.
          if (!held.refreshToken && this.#held?.refreshToken) held.refreshToken = this.#held.refreshToken;
          this.#held = held;
          this.#remember(held);
          this.#options.onTokens?.(held);
          return held;
        })
        .finally(() => {
          this.#pending = null;
        });
    }
    return this.#pending;
  }
}

/**
 * Bearer auth from a session, plus the policy hook that renews the token once when a call is
 * answered 401: pass both to `createHttpClient({ auth, renewAuth })`. `issuer` makes the renewals
 * this client starts use its own token requests (see `TokenSession`).
 */
export function sessionAuth(
  session: TokenSession,
  scheme = "Bearer",
  issuer?: TokenIssuer,
): { auth: AuthInjector; renewAuth: (refused: OutgoingRequest) => Promise<boolean> } {
  return {
    auth: async (request) => {
      request.headers.set("authorization", `${scheme} ${await session.token(issuer)}`);
      return request;
    },
    renewAuth: async (refused) => {
      const used = refused.headers.get("authorization")?.slice(scheme.length + 1);
      if (!used) return false;
      await session.renew(used, issuer);
      return true;
    },
  };
}
