import type { Logger } from "@hrflow-connectors/core";

/** The tokens a login or a refresh returns. */
export interface SessionTokens {
  token: string;
  refresh_token?: string | null | undefined;
}

export interface TokenSessionOptions {
  /** Opens a new session from the user's credentials. */
  login: () => Promise<SessionTokens>;
  /** Exchanges the refresh token for new tokens; refresh tokens may rotate. */
  refresh?: (refreshToken: string) => Promise<SessionTokens>;
  logger?: Logger;
}

/**
 * A bearer session with lazy login, refresh and re-login. Calls that see a 401 ask `renew` with the
 * token they used: only the first caller renews, the others reuse its result, so concurrent calls
 * never spend a rotating refresh token twice. A refused refresh falls back to a fresh login.
 * Generic (no vendor knowledge), so it can move to core if another connector needs it.
 */
export class TokenSession {
  readonly #options: TokenSessionOptions;
  #tokens: SessionTokens | null = null;
  #pending: Promise<SessionTokens> | null = null;

  constructor(options: TokenSessionOptions) {
    this.#options = options;
  }

  /** The current access token, logging in on first use. */
  async token(): Promise<string> {
    if (this.#tokens) return this.#tokens.token;
    return (await this.#once(() => this.#options.login())).token;
  }

  /** A token newer than `stale` (the one a call was refused with). */
  async renew(stale: string): Promise<string> {
    if (this.#pending) return (await this.#pending).token;
    if (this.#tokens && this.#tokens.token !== stale) return this.#tokens.token;
    return (await this.#once(() => this.#renewNow())).token;
  }

  async #renewNow(): Promise<SessionTokens> {
    const refreshToken = this.#tokens?.refresh_token;
    const { refresh, login, logger } = this.#options;
    if (refresh && refreshToken) {
      try {
        const tokens = await refresh(refreshToken);
        logger?.debug("Session token refreshed");
        return tokens;
      } catch (err) {
        logger?.warn(`Session refresh refused (${(err as Error).message}); logging in again`);
      }
    }
    return login();
  }

  async #once(open: () => Promise<SessionTokens>): Promise<SessionTokens> {
    if (!this.#pending) {
      this.#pending = open()
        .then((tokens) => {
          this.#tokens = tokens;
          return tokens;
        })
        .finally(() => {
          this.#pending = null;
        });
    }
    return this.#pending;
  }
}
