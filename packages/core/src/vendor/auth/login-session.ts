import type { OutgoingRequest } from "../../http/auth.js";
import { tokenRequestFetch } from "../../http/oauth.js";
import { credentialKey } from "../../http/policy.js";
import { type IssuedTokens, type TokenIssuer, TokenSession } from "../../http/token-session.js";
import { type Credential, withUrl } from "../credential.js";

/** What a login returns: the session token, and the base URL the session must call when it has one. */
export interface LoginResult {
  token: string;
  /** The session's own API base (e.g. Bullhorn's `restUrl`), replacing the declared one. */
  baseUrl?: string | undefined;
  /** Lifetime of the session; absent: until the vendor refuses it (then it logs in again, once). */
  expiresInSeconds?: number | null | undefined;
  /** The token `refresh` exchanges for a new session (may rotate on each refresh). */
  refreshToken?: string | null | undefined;
}

/** What a login or a refresh is given: the policy's fetch and the resolved URLs. */
export interface LoginIo {
  fetch: typeof fetch;
  authBaseUrl: string;
  baseUrl: string;
}

/** How a login-session vendor opens a session and where its token travels. */
export interface LoginSessionOptions {
  /** What identifies the account (e.g. the user name): the session and rate limit are shared per identity. */
  identity: string[];
  /** The user's secrets the login sends (masked in every error). */
  secrets: string[];
  /**
   * Opens a session. `fetch` carries the policy (timeouts, retries, rate limit) and resends a
   * failed login like a read; `authBaseUrl` is `authBase` after the run's `baseUrls["<key>_auth"]`.
   */
  login: (io: LoginIo) => Promise<LoginResult>;
  /**
   * Renews a session from its refresh token (DigitalRecruiters' `/users/refresh`), before it
   * expires or once refused; a refused refresh logs in again. Absent: every renewal logs in.
   */
  refresh?: (io: LoginIo, refreshToken: string) => Promise<LoginResult>;
  /** The login host before the run's override (default: the API base URL). */
  authBase?: string;
  /** Where the token travels on each call. */
  send: { header: string; scheme?: string } | { query: string };
}

/** A session that remembers the base URL each of its tokens belongs to. */
class LoginTokens extends TokenSession {
  readonly bases = new Map<string, string>();
}

/**
 * A login exchange (Bullhorn's BhRestToken and restUrl): one session per account in the runtime,
 * opened on first use, and renewed once when a call is refused (401): refreshed when the vendor
 * has a refresh, else opened again.
 */
export function loginSession(options: LoginSessionOptions): Credential {
  return {
    kind: "loginSession",
    identity: options.identity,
    setup: (env) => {
      const io = {
        fetch: tokenRequestFetch({ ...env.policy, secrets: options.secrets }),
        authBaseUrl: env.authBaseUrl(options.authBase ?? env.baseUrl),
        baseUrl: env.baseUrl,
      };
      // Each client logs in through its own run's fetch (signal, logger, retries), even on a shared session.
      const issued = (session: LoginTokens, result: LoginResult): IssuedTokens => {
        if (result.baseUrl) session.bases.set(result.token, result.baseUrl.replace(/\/+$/, ""));
        return {
          accessToken: result.token,
          expiresInSeconds: result.expiresInSeconds ?? null,
          refreshToken: result.refreshToken ?? null,
        };
      };
      const { refresh } = options;
      const issuerOf = (session: LoginTokens): TokenIssuer => ({
        login: async () => issued(session, await options.login(io)),
        ...(refresh ? { refresh: async (token: string) => issued(session, await refresh(io, token)) } : {}),
      });
      const create = (): LoginTokens => {
        const session: LoginTokens = new LoginTokens({
          login: () => issuerOf(session).login(),
          ...(refresh ? { refresh: (token: string) => issuerOf(session).refresh!(token, "refused") } : {}),
          ...(env.logger ? { logger: env.logger } : {}),
        });
        return session;
      };
      const key = credentialKey(io.authBaseUrl, ...options.identity, ...options.secrets);
      const session = env.runtime ? env.runtime.session(`${env.vendor.key}|login|${key}`, create) : create();
      const issuer = issuerOf(session);
      const { send } = options;
      const used = (request: OutgoingRequest): string | null => {
        if ("query" in send) return new URL(request.url).searchParams.get(send.query);
        const value = request.headers.get(send.header);
        return send.scheme ? (value?.slice(send.scheme.length + 1) ?? null) : value;
      };
      return {
        auth: async (request) => {
          const token = await session.token(issuer);
          const base = session.bases.get(token);
          let url =
            base && request.url.startsWith(env.baseUrl)
              ? base + request.url.slice(env.baseUrl.length)
              : request.url;
          if ("query" in send) {
            const withToken = new URL(url);
            withToken.searchParams.set(send.query, token);
            url = withToken.toString();
          } else {
            request.headers.set(send.header, send.scheme ? `${send.scheme} ${token}` : token);
          }
          return url === request.url ? request : withUrl(request, url);
        },
        renewAuth: async (refused) => {
          const token = used(refused);
          if (!token) return false;
          await session.renew(token, issuer);
          return true;
        },
        secrets: () => [...options.secrets, ...session.recentTokens()],
        signIn: async () => {
          await session.token(issuer);
        },
      };
    },
  };
}
