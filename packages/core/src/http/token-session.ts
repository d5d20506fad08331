import type { Logger } from "../logging/logger.js";
import type { AuthInjector } from "./policy.js";

/** What a login or a refresh returns. */
export interface IssuedTokens {
  accessToken: string;
  /** Null or absent when the vendor issues none; may rotate on each refresh. */
  refreshToken?: string | null | undefined;
  /** Lifetime of the access token; absent means "until the vendor refuses it". */
  expiresInSeconds?: number | null | undefined;
}

export interface TokenSessionOptions {
  /** Opens a session from the user's credentials (password, client credentials, authorization code). */
  login: () => Promise<IssuedTokens>;
  /** Exchanges a refresh token for new tokens; a refused refresh falls back to `login`. */
  refresh?: (refreshToken: string) => Promise<IssuedTokens>;
  /** Renew this long before expiry (default 60 s, or a tenth of the lifetime when that is shorter). */
  earlyMs?: number;
  logger?: Logger;
  /** Told every new access and refresh token, e.g. to register them for redaction. */
  onTokens?: (tokens: IssuedTokens) => void;
}

interface Held extends IssuedTokens {
  /** Epoch ms after which the token is renewed before use. */
  renewAt: number;
}

/**
 * A bearer-token session: lazy login, renewal before expiry, and renewal after a 401. Calls that
 * were refused ask `renew` with the token they used; only the first renews and the others reuse its
 * result, so concurrent calls never spend a rotating refresh token twice.
 */
export class TokenSession {
  readonly #options: TokenSessionOptions;
  #held: Held | null = null;
  #pending: Promise<Held> | null = null;

  constructor(options: TokenSessionOptions) {
    this.#options = options;
  }

  /** A valid access token, logging in or refreshing as needed. */
  async token(): Promise<string> {
    if (this.#pending) return (await this.#pending).accessToken;
    if (this.#held && Date.now() < this.#held.renewAt) return this.#held.accessToken;
    return (await this.#once(() => (this.#held ? this.#renewNow() : this.#options.login()))).accessToken;
  }

  /** A token newer than `refused` (the one a call was refused with). */
  async renew(refused: string): Promise<string> {
    if (this.#pending) return (await this.#pending).accessToken;
    if (this.#held && this.#held.accessToken !== refused) return this.#held.accessToken;
    return (await this.#once(() => this.#renewNow())).accessToken;
  }

  /** Forgets the tokens; the next call logs in again. */
  reset(): void {
    this.#held = null;
  }

  async #renewNow(): Promise<IssuedTokens> {
    const refreshToken = this.#held?.refreshToken;
    const { refresh, login, logger } = this.#options;
    if (refresh && refreshToken) {
      try {
        return await refresh(refreshToken);
      } catch (err) {
        logger?.warn(`Token refresh refused (${(err as Error).message}); logging in again`);
      }
    }
    return login();
  }

  #once(open: () => Promise<IssuedTokens>): Promise<Held> {
    if (!this.#pending) {
      this.#pending = open()
        .then((tokens) => {
          const lifeMs = tokens.expiresInSeconds ? tokens.expiresInSeconds * 1000 : Number.POSITIVE_INFINITY;
          const early = Math.min(this.#options.earlyMs ?? 60_000, lifeMs / 10);
          const held: Held = { ...tokens, renewAt: Date.now() + lifeMs - early };
          // A refresh that returns no refresh token keeps the previous one.
          if (!held.refreshToken && this.#held?.refreshToken) held.refreshToken = this.#held.refreshToken;
          this.#held = held;
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

const sessions = new Map<string, TokenSession>();

/** The process-wide session for a key (vendor + credential fingerprint), created on first use. */
export function sharedTokenSession(key: string, create: () => TokenSession): TokenSession {
  let session = sessions.get(key);
  if (!session) {
    session = create();
    sessions.set(key, session);
  }
  return session;
}

/** Forgets every shared session (tests, or after credentials were revoked). */
export function clearTokenSessions(): void {
  sessions.clear();
}

/**
 * Bearer auth from a session, plus the policy hook that renews the token once when a call is
 * answered 401: pass both to `createHttpClient({ auth, renewAuth })`.
 */
export function sessionAuth(
  session: TokenSession,
  scheme = "Bearer",
): { auth: AuthInjector; renewAuth: (refused: Request) => Promise<boolean> } {
  return {
    auth: async (request) => {
      request.headers.set("authorization", `${scheme} ${await session.token()}`);
      return request;
    },
    renewAuth: async (refused) => {
      const used = refused.headers.get("authorization")?.slice(scheme.length + 1);
      if (!used) return false;
      await session.renew(used);
      return true;
    },
  };
}
