import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readOptional } from "./files.js";
import type { Outputs } from "./generate.js";

/** A committed file that differs from what the code generates. */
export interface Drift {
  path: string;
  problem: "missing" | "stale" | "obsolete";
}

async function markdownIn(root: string, dir: string): Promise<string[]> {
  try {
    const names = await readdir(join(root, dir));
    return names.filter((n) => n.endsWith(".md")).map((n) => `${dir}/${n}`);
  } catch {
    return [];
  }
}

/** Compares the outputs with the work tree: missing, stale and obsolete files, sorted by path. */
export async function findDrift(root: string, outputs: Outputs): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const [path, content] of outputs.files) {
    const current = await readOptional(join(root, path));
    if (current === undefined) drift.push({ path, problem: "missing" });
    else if (current !== content) drift.push({ path, problem: "stale" });
  }
  for (const dir of outputs.docDirs) {
    for (const path of await markdownIn(root, dir)) {
      if (!outputs.files.has(path)) drift.push({ path, problem: "obsolete" });
    }
  }
  return drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Brings the work tree in line: writes missing and stale files, deletes obsolete docs. */
export async function applyDrift(root: string, outputs: Outputs, drift: readonly Drift[]): Promise<void> {
  for (const { path, problem } of drift) {
    const file = join(root, path);
    if (problem === "obsolete") {
      await rm(file);
      continue;
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, outputs.files.get(path)!, "utf8");
  }
}
