import { credentialKey } from "../../http/policy.js";
import type { Logger } from "../../logging/logger.js";
import { EncryptedStore, STORE_KEY_VARIABLE, storeKeyFromEnv } from "../../store/encrypted-store.js";
import type { Store } from "../../store/store.js";

/**
 * What the state store keeps per OAuth app (not per workflow: workflows sharing an app share its
 * rotating refresh token). `code` is a fingerprint of the authorization code, never the code.
 */
export interface Persisted {
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
export interface CodeMark {
  code: string;
  /**
   * "sent": sent, answer not recorded (the process may have died); "refused": answered with an
   * error, so not spent by us and free to send again; then as in `Persisted`.
   */
  outcome: "sent" | "refused" | "tokens" | "unknown";
}

/** A value read from the store, or why it cannot be. */
export type Read<T> = { ok: true; value: T | null } | { ok: false; why: string };

/**
 * What the run's store keeps of an authorization-code app: a plain mark of the code sent last and
 * how it went, and the state with the rotating refresh token, sealed (AES-256-GCM) under
 * `HRFLOW_CONNECTORS_STORE_KEY`; without that key the refresh token stays in memory only.
 */
export class CodeGrantState {
  /** The store as given (not sealed): code marks and the renewal lease live there. */
  readonly raw: Store | null;
  /** Whether the store seals what it keeps: only then may it hold a refresh token. */
  readonly sealed: boolean;
  /** `<key>-oauth:<app fingerprint>`: the sealed state's key (the lease is `oauth:<storeKey>`). */
  readonly storeKey: string;
  readonly #store: Store | null;
  readonly #key: string;
  readonly #vendor: string;
  readonly #logger: Logger | undefined;

  constructor(options: {
    store: Store | null | undefined;
    key: string;
    vendor: string;
    app: { tokenUrl: string; clientId: string; clientSecret: string };
    logger: Logger | undefined;
  }) {
    const { store, key, vendor, app, logger } = options;
    // A refresh token is a secret: it reaches the store only encrypted, under the key of
    // HRFLOW_CONNECTORS_STORE_KEY. Without a key the store keeps the code's fingerprint and outcome.
    const sealKey = store && process.env[STORE_KEY_VARIABLE]?.trim() ? storeKeyFromEnv() : null;
    this.#store = store && sealKey ? new EncryptedStore(store, sealKey) : (store ?? null);
    this.raw = store ?? null;
    this.sealed = sealKey !== null;
    this.#key = key;
    this.#vendor = vendor;
    this.#logger = logger;
    this.storeKey = `${key}-oauth:${credentialKey(app.tokenUrl, app.clientId, app.clientSecret)}`;
    if (store && !sealKey) {
      logger?.warn(
        `${STORE_KEY_VARIABLE} is not set: ${vendor}'s rotating refresh token is kept in memory only, so the next process or a second run of this app must be re-authorized. Set it to a 32-byte key (e.g. openssl rand -base64 32) and keep it with the state store`,
      );
    }
  }

  /** The fingerprint of an authorization code, so the store never holds the code itself. */
  fingerprint(code: string): string {
    return credentialKey(`${this.#key}-code`, code);
  }

  /** The fingerprint of the code sent last: from its plain mark, else from the sealed state. */
  async usedCode(): Promise<Read<string>> {
    if (!this.raw) return { ok: true, value: null };
    let mark: unknown;
    try {
      mark = await this.raw.load(this.#markKey());
    } catch (err) {
      return { ok: false, why: (err as Error).message };
    }
    if (mark !== null) {
      const { code, outcome } = mark as Partial<CodeMark>;
      if (typeof code !== "string") return { ok: false, why: "its code mark is not valid" };
      return { ok: true, value: outcome === "refused" ? null : code };
    }
    const saved = await this.loadSealed();
    return saved.ok ? { ok: true, value: saved.value?.code ?? null } : saved;
  }

  async loadSealed(): Promise<Read<Persisted>> {
    if (!this.#store) return { ok: true, value: null };
    let value: unknown;
    try {
      value = await this.#store.load(this.storeKey);
    } catch (err) {
      return { ok: false, why: (err as Error).message };
    }
    if (value === null) return { ok: true, value: null };
    if (!this.sealed && (value as { $sealed?: unknown }).$sealed) {
      return { ok: false, why: `it is sealed and ${STORE_KEY_VARIABLE} is not set` };
    }
    if (typeof (value as Partial<Persisted>).code !== "string") return { ok: false, why: "it is not valid" };
    return { ok: true, value: value as Persisted };
  }

  #markKey(): string {
    return `${this.#key}-oauth-code:${this.storeKey.slice(`${this.#key}-oauth:`.length)}`;
  }

  async mark(mark: CodeMark): Promise<void> {
    if (!this.raw) return;
    await this.raw.save(this.#markKey(), mark);
  }

  async save(value: Persisted): Promise<void> {
    if (!this.#store) return;
    if (!this.sealed && value.refresh_token) {
      this.#logger?.warn(
        `${this.#vendor} refresh token kept in memory only: set ${STORE_KEY_VARIABLE} (32-byte key) to keep it encrypted in the state store for the next process`,
      );
      value = { ...value, refresh_token: null };
    }
    try {
      await this.mark({ code: value.code, outcome: value.outcome });
      await this.#store.save(this.storeKey, value);
    } catch (err) {
      this.#logger?.warn(`Could not save the ${this.#vendor} tokens: ${(err as Error).message}`);
    }
  }
}
