import { isAbsolute, join } from "node:path";
import envPaths from "env-paths";
import { brand, hasBrand } from "../brand.js";

/** Raised for an invalid store or location configuration; the message names the variable. */
export class StoreConfigError extends Error {
  override name = "StoreConfigError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    brand(this, "store-config");
  }
}

/** Whether an error is an invalid store setting (a StoreConfigError from any copy of core). */
export function isStoreConfigError(err: unknown): err is StoreConfigError {
  return hasBrand(err, "store-config");
}

/**
 * Where the library keeps its files when the caller says nothing: `HRFLOW_CONNECTORS_HOME` when set
 * (absolute), else the user's data directory for applications (`$XDG_DATA_HOME/hrflow-connectors`,
 * default `~/.local/share/hrflow-connectors` on Linux; `~/Library/Application Support/hrflow-connectors`
 * on macOS; `%LOCALAPPDATA%\hrflow-connectors\Data` on Windows). Never the caller's working directory:
 * a library call must not litter whatever folder the program happens to run in. env-paths knows each
 * platform's convention, so we do not re-derive it.
 */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HRFLOW_CONNECTORS_HOME;
  if (home !== undefined && home !== "") {
    if (!isAbsolute(home))
      throw new StoreConfigError(`HRFLOW_CONNECTORS_HOME='${home}' should be an absolute path`);
    return home;
  }
  return envPaths("hrflow-connectors", { suffix: "" }).data;
}

/** The file store's default directory: `<data directory>/state`. */
export function defaultStoreDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirectory(env), "state");
}

/** The default dead-letter directory: `<data directory>/dead-letter` (one JSONL file per run with failures). */
export function defaultDeadLetterDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDirectory(env), "dead-letter");
}
