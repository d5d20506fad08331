import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type LeaseAttempt, type LeaseOptions, leasesOf } from "./lease.js";
import type { Store } from "./store.js";

/** The variable holding the 32-byte key, base64 or hex. */
export const STORE_KEY_VARIABLE = "HRFLOW_CONNECTORS_STORE_KEY";

interface Sealed {
  $sealed: "aes-256-gcm";
  iv: string;
  tag: string;
  data: string;
}

function isSealed(value: unknown): value is Sealed {
  return Boolean(value && typeof value === "object" && (value as Sealed).$sealed === "aes-256-gcm");
}

/** Reads a 256-bit key from the environment (base64 or 64 hex characters). */
export function storeKeyFromEnv(env: NodeJS.ProcessEnv = process.env, variable = STORE_KEY_VARIABLE): Buffer {
  const raw = env[variable]?.trim();
  if (!raw) throw new Error(`${variable} is not set: it must hold a 32-byte key (base64 or hex)`);
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length !== 32) throw new Error(`${variable} must decode to 32 bytes, got ${key.length}`);
  return key;
}

/**
 * Wraps a store so values are encrypted at rest with AES-256-GCM (a fresh 96-bit IV per save; the
 * key is used as its own name in the associated data, so a value moved to another key fails to
 * open). Meant for OAuth refresh tokens (Lever): a new worker reads them back without a fresh
 * authorization code, and whoever reads Redis sees only ciphertext.
 */
export class EncryptedStore implements Store {
  readonly name: string;
  readonly #inner: Store;
  readonly #key: Buffer;

  constructor(inner: Store, key: Buffer = storeKeyFromEnv()) {
    if (key.length !== 32) throw new RangeError("AES-256-GCM needs a 32-byte key");
    this.#inner = inner;
    this.#key = key;
    this.name = `encrypted-${inner.name}`;
  }

  async load(key: string): Promise<unknown | null> {
    const value = await this.#inner.load(key);
    if (value === null) return null;
    if (!isSealed(value))
      throw new Error(`Store key ${key} is not encrypted; refusing to use a plaintext value`);
    const decipher = createDecipheriv("aes-256-gcm", this.#key, Buffer.from(value.iv, "base64"));
    decipher.setAAD(Buffer.from(key, "utf8"));
    decipher.setAuthTag(Buffer.from(value.tag, "base64"));
    try {
      const plain = Buffer.concat([decipher.update(Buffer.from(value.data, "base64")), decipher.final()]);
      return JSON.parse(plain.toString("utf8"));
    } catch {
      // Never echo the value: only say that it does not open with this key.
      throw new Error(`Store key ${key} cannot be decrypted (wrong ${STORE_KEY_VARIABLE} or tampered value)`);
    }
  }

  /** The inner store's leases: sealing changes values, not who may hold a key. */
  acquire(key: string, options: LeaseOptions): Promise<LeaseAttempt> {
    return leasesOf(this.#inner).acquire(key, options);
  }

  async save(key: string, value: unknown): Promise<void> {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(key, "utf8"));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    const sealed: Sealed = {
      $sealed: "aes-256-gcm",
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      data: data.toString("base64"),
    };
    await this.#inner.save(key, sealed);
  }
}
