import { randomBytes } from "node:crypto";
import type { FakeResponse } from "@hrflow-connectors/core/testing";

/** The OAuth server side of the fake: one registered app, single-use codes, rotating refresh tokens. */
export class FakeOAuthState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** Codes not exchanged yet. */
  readonly #codes = new Set<string>();
  /** Access tokens in force, with their expiry (epoch ms). */
  readonly #access = new Map<string, number>();
  readonly #refresh = new Set<string>();
  /** Every access and refresh token ever issued, for tests that look for leaks. */
  readonly issued: string[] = [];
  /** When true the API refuses every token, even fresh ones. */
  rejectAll = false;
  expiresIn: number;
  enforceExpiry: boolean;
  /** Whether error messages repeat the secrets they received (a careless vendor, for redaction tests). */
  echoSecrets: boolean;

  constructor(options: {
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    expiresIn: number;
    enforceExpiry: boolean;
    echoSecrets: boolean;
  }) {
    this.clientId = options.clientId;
    this.clientSecret = options.clientSecret;
    this.redirectUri = options.redirectUri;
    this.expiresIn = options.expiresIn;
    this.enforceExpiry = options.enforceExpiry;
    this.echoSecrets = options.echoSecrets;
  }

  /** A new single-use authorization code, as the consent screen would redirect with. */
  issueCode(): string {
    const code = `code_${randomBytes(9).toString("hex")}`;
    this.#codes.add(code);
    return code;
  }

  /** Revokes every access token in force, so the next API call answers 401 (refresh tokens stay valid). */
  revokeAccessTokens(): void {
    this.#access.clear();
  }

  /** Whether a Bearer header carries a token in force. */
  authorized(header: string | undefined): boolean {
    const token = header?.startsWith("Bearer ") ? header.slice(7) : null;
    const expiresAt = token ? this.#access.get(token) : undefined;
    if (expiresAt === undefined || this.rejectAll) return false;
    return !this.enforceExpiry || Date.now() < expiresAt;
  }

  /** Answers `POST /oauth/token` (form-encoded), with Auth0's status codes and error shape. */
  token(form: URLSearchParams): FakeResponse {
    const echo = (what: string, value: string | null) => (this.echoSecrets ? ` (${what}: ${value})` : "");
    const deny = (status: number, error: string, description: string): FakeResponse => ({
      status,
      body: { error, error_description: description },
    });
    if (form.get("client_id") !== this.clientId || form.get("client_secret") !== this.clientSecret) {
      return deny(401, "access_denied", `Unauthorized${echo("client_secret", form.get("client_secret"))}`);
    }
    const grant = form.get("grant_type");
    if (grant === "authorization_code") {
      const code = form.get("code") ?? "";
      if (!this.#codes.has(code)) {
        return deny(403, "invalid_grant", `Invalid authorization code${echo("code", code)}`);
      }
      if (form.get("redirect_uri") !== this.redirectUri) {
        return deny(403, "invalid_grant", "Redirect URI mismatch");
      }
      this.#codes.delete(code);
    } else if (grant === "refresh_token") {
      const refresh = form.get("refresh_token") ?? "";
      if (!this.#refresh.has(refresh)) {
        return deny(
          403,
          "invalid_grant",
          `Unknown or invalid refresh token${echo("refresh_token", refresh)}`,
        );
      }
      // Lever rotates refresh tokens: the old one is spent.
      this.#refresh.delete(refresh);
    } else {
      return deny(403, "unsupported_grant_type", `Unsupported grant type: ${grant}`);
    }
    const access = `at_${randomBytes(12).toString("hex")}`;
    const refresh = `rt_${randomBytes(12).toString("hex")}`;
    this.#access.set(access, Date.now() + this.expiresIn * 1000);
    this.#refresh.add(refresh);
    this.issued.push(access, refresh);
    return {
      status: 200,
      body: {
        access_token: access,
        refresh_token: refresh,
        token_type: "Bearer",
        expires_in: this.expiresIn,
        scope: "offline_access opportunities:read:admin postings:read:admin opportunities:write:admin",
      },
    };
  }
}
