import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { brand, hasBrand } from "../brand.js";
import { acquireFileLease } from "./file-lease.js";
import type { LeaseAttempt, LeaseOptions } from "./lease.js";
import { sweepStaleTmp } from "./stale-tmp.js";
import type { Store } from "./store.js";

/** Raised when a stored file exists but is not valid JSON; the message names the file. */
export class CorruptedStoreError extends Error {
  constructor(file: string, cause: unknown) {
    super(`Store file ${file} is corrupted: unable to decode JSON`, { cause });
    this.name = "CorruptedStoreError";
    brand(this, "corrupted-store");
  }
}

/** Whether an error is a stored file that is not JSON (a CorruptedStoreError from any copy of core). */
export function isCorruptedStoreError(err: unknown): err is CorruptedStoreError {
  return hasBrand(err, "corrupted-store");
}

/**
 * The embedded default store: one JSON file per key in a directory.
 * One file per key means concurrent runs of different workflows never touch the same file,
 * and each save goes through a temporary file plus rename, so a crash never leaves half a file.
 */
export class FileStore implements Store {
  readonly name = "localjson";
  readonly directory: string;
  /** The one sweep of temporary files left by killed saves, started when the store is first used. */
  #swept: Promise<unknown> | null = null;

  constructor(directory: string) {
    this.directory = resolve(directory);
  }

  /** The file holding a key's value. */
  fileFor(key: string): string {
    return join(this.directory, `${encodeURIComponent(key)}.json`);
  }

  /** A lease file per key (`<key>.lease`, created only when absent): one holder across processes. */
  acquire(key: string, options: LeaseOptions): Promise<LeaseAttempt> {
    const file = join(this.directory, `${encodeURIComponent(key)}.lease`);
    return acquireFileLease(this.directory, file, key, options);
  }

  async load(key: string): Promise<unknown | null> {
    this.#swept ??= sweepStaleTmp(this.directory);
    const file = this.fileFor(key);
    let raw: string;
    try {
      raw = await readFile(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    try {
      return JSON.parse(raw);
    } catch (err) {
      throw new CorruptedStoreError(file, err);
    }
  }

  async save(key: string, value: unknown): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    this.#swept ??= sweepStaleTmp(this.directory);
    await this.#swept;
    const file = this.fileFor(key);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, "utf8");
    await rename(tmp, file);
  }
}
