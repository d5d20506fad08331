import { readdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

/** How old a temporary file of a live process must be before it is taken for abandoned. */
export const STALE_TMP_MS = 15 * 60_000;

/** The pid in a FileStore temporary file name (`<key>.json.<pid>.<hex>.tmp`), or null for other files. */
export function tmpOwner(name: string): number | null {
  const m = /\.json\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files a save left behind when its process was killed between writing
 * and renaming: those of a pid that no longer runs, and any older than `maxAgeMs` (a pid can be
 * reused, and a store directory can be shared between machines). Never throws: it is hygiene,
 * and a save must not fail because an old file could not be removed. Returns the files removed.
 */
export async function sweepStaleTmp(directory: string, maxAgeMs = STALE_TMP_MS, now = Date.now()) {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = tmpOwner(name);
    if (pid === null) continue;
    const file = join(directory, name);
    try {
      const stale = (pid !== process.pid && !alive(pid)) || now - (await stat(file)).mtimeMs > maxAgeMs;
      if (!stale) continue;
      await unlink(file);
      removed.push(file);
    } catch {
      // Gone already (another process swept it) or not ours to remove: either way, leave it.
    }
  }
  return removed;
}
