import {
  credentialKey,
  type IssuedTokens,
  type Logger,
  type RenewReason,
  sharedTokenSession,
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

/** What a shared session remembers besides its tokens. */
interface Memory {
  /** The authorization code its tokens came from: a code works once. */
  code: string | null;
  /** The tokens it issued last, so every client using it can mask them. */
  tokens: string[];
}

// Enough for the tokens in force plus those calls still in flight may have used.
const REMEMBERED_TOKENS = 8;
const memories = new WeakMap<TokenSession, Memory>();

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
  readonly #memory: Memory;

  constructor(grant: OAuthCodeGrant, options: OAuthRequestOptions & { logger?: Logger | undefined }) {
    const { logger, ...requests } = options;
    this.#grant = grant;
    this.#logger = logger;
    this.#requests = { ...requests, secrets: () => this.#memory.tokens };
    this.issuer = {
      login: () => this.#exchange(),
      refresh: (refreshToken, reason) => this.#refresh(refreshToken, reason),
      loginAfterRefusedRefresh: () => {
        if (this.#memory.code === this.#grant.authorizationCode) return false;
        this.#logger?.warn(
          `${this.#requests.vendor} token refresh failed; exchanging the configured authorization code`,
        );
        return true;
      },
    };
    const key = `oauth-code|${credentialKey(grant.tokenUrl, grant.clientId, grant.clientSecret)}`;
    const fresh = (): Memory => ({ code: null, tokens: [] });
    this.session = sharedTokenSession(key, () => {
      const memory = fresh();
      const session = new TokenSession({ ...this.issuer, onTokens: (t) => remember(memory, t) });
      memories.set(session, memory);
      return session;
    });
    this.#memory = memories.get(this.session) ?? fresh();
  }

  /** Every secret value this client knows (client secret, code, recent tokens), for redaction. */
  secrets(): string[] {
    return [this.#grant.clientSecret, this.#grant.authorizationCode, ...this.#memory.tokens];
  }

  async #exchange(): Promise<IssuedTokens> {
    const { vendor } = this.#requests;
    if (this.#memory.code === this.#grant.authorizationCode) {
      throw new OAuthError(
        `${vendor} gave no refresh token and the authorization code was already used; a new authorization code is needed`,
        401,
      );
    }
    const tokens = await exchangeAuthorizationCode(this.#grant, this.#requests);
    this.#memory.code = this.#grant.authorizationCode;
    this.#logger?.info(`${vendor} authorization code exchanged for tokens`);
    return tokens;
  }

  async #refresh(refreshToken: string, reason: RenewReason): Promise<IssuedTokens> {
    const tokens = await refreshAccessToken(this.#grant, refreshToken, this.#requests);
    const why = reason === "refused" ? "rejected" : reason;
    this.#logger?.info(`${this.#requests.vendor} access token refreshed (${why})`);
    return tokens;
  }
}

function remember(memory: Memory, tokens: IssuedTokens): void {
  for (const t of [tokens.accessToken, tokens.refreshToken]) {
    if (t && !memory.tokens.includes(t)) memory.tokens.push(t);
  }
  memory.tokens.splice(0, Math.max(0, memory.tokens.length - REMEMBERED_TOKENS));
}
