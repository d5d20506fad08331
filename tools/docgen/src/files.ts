import { readFile } from "node:fs/promises";

/** A file's text, or undefined when it does not exist (any other error is thrown). */
export async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
