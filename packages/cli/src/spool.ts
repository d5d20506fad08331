import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";

/** One webhook delivery `serve` accepted: what it needs to run it again after a restart. */
export interface SpooledEvent {
  id: string;
  /** Its de-duplication key (see `webhookKey`): also its file name. */
  key: string;
  /** The route it was posted to (the config's path). */
  route: string;
  received_at: string;
  /** The raw body as received (signature already checked). */
  body: string;
}

/** The default de-duplication window: a vendor's retries of one event come within a day. */
export const DEFAULT_DEDUPE_WINDOW_MS = 24 * 3_600_000;

/** fsync of a directory, so a file created, renamed or removed in it survives a power cut. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (err) {
    // Windows cannot open or fsync a directory; there the rename itself is what is durable.
    if (process.platform !== "win32") throw err;
  } finally {
    await handle?.close();
  }
}

/** Writes a file whole and durably: a temporary file, fsynced, renamed over, then the directory fsynced. */
async function writeDurably(file: string, dir: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(tmp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await handle.close();
  await rename(tmp, file);
  await syncDirectory(dir);
}

/**
 * `serve`'s durable intake on local disk: `pending/<key>.json` holds each accepted event until its
 * run is done, and `seen.jsonl` lists the keys done within the de-duplication window. An event is
 * acknowledged (202) only once its file and directory are fsynced, so a crash loses nothing; on
 * start, whatever is still pending runs again. Done means: the key is appended to `seen.jsonl`
 * (fsynced) first, then the pending file is removed, so a crash between the two never runs it twice.
 */
export class WebhookSpool {
  readonly pendingDir: string;
  readonly seenFile: string;
  #seen = new Map<string, number>();

  private constructor(
    readonly directory: string,
    readonly windowMs: number,
  ) {
    this.pendingDir = join(directory, "pending");
    this.seenFile = join(directory, "seen.jsonl");
  }

  /** Opens (creating) the spool: loads the keys seen within the window and compacts their file. */
  static async open(directory: string, windowMs = DEFAULT_DEDUPE_WINDOW_MS): Promise<WebhookSpool> {
    const spool = new WebhookSpool(directory, windowMs);
    await mkdir(spool.pendingDir, { recursive: true, mode: 0o700 });
    let text = "";
    try {
      text = await readFile(spool.seenFile, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    const since = Date.now() - windowMs;
    for (const line of text.split("\n")) {
      try {
        const { key, at } = JSON.parse(line) as { key?: unknown; at?: unknown };
        if (typeof key === "string" && typeof at === "number" && at >= since) spool.#seen.set(key, at);
      } catch {
        // An empty or torn line (a crash while appending): that key's pending file, if any, runs again.
      }
    }
    const kept = [...spool.#seen].map(([key, at]) => JSON.stringify({ key, at })).join("\n");
    await writeDurably(spool.seenFile, directory, kept ? `${kept}\n` : "");
    return spool;
  }

  /** True when an event with this key was done within the window. */
  seen(key: string): boolean {
    const at = this.#seen.get(key);
    if (at === undefined) return false;
    if (at >= Date.now() - this.windowMs) return true;
    this.#seen.delete(key);
    return false;
  }

  /** Stores an accepted event durably; throws when it could not (the caller answers 503). */
  async put(event: SpooledEvent): Promise<void> {
    await writeDurably(join(this.pendingDir, `${event.key}.json`), this.pendingDir, JSON.stringify(event));
  }

  /** Marks an event done: its key joins the seen set (fsynced), then its pending file goes. */
  async done(key: string): Promise<void> {
    const at = Date.now();
    const handle = await open(this.seenFile, "a", 0o600);
    try {
      await handle.appendFile(`${JSON.stringify({ key, at })}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.#seen.set(key, at);
    await unlink(join(this.pendingDir, `${key}.json`)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
    });
    await syncDirectory(this.pendingDir);
  }

  /**
   * The events accepted but not done, oldest first. Temporary files (a crash before the rename:
   * never acknowledged) are removed; a pending file whose key is already seen is removed too.
   */
  async pending(): Promise<SpooledEvent[]> {
    const events: SpooledEvent[] = [];
    for (const name of await readdir(this.pendingDir)) {
      const file = join(this.pendingDir, name);
      if (name.endsWith(".tmp")) {
        await unlink(file).catch(() => {});
        continue;
      }
      if (!name.endsWith(".json")) continue;
      const event = JSON.parse(await readFile(file, "utf8")) as SpooledEvent;
      if (this.seen(event.key)) await unlink(file).catch(() => {});
      else events.push(event);
    }
    return events.sort((a, b) => a.received_at.localeCompare(b.received_at));
  }
}
