import { isAbsolute } from "node:path";
import { FileStore } from "./file-store.js";
import { defaultStoreDirectory, StoreConfigError } from "./locations.js";
import { MemoryStore, type Store } from "./store.js";

/**
 * Builds the store from environment variables, in the spirit of the original:
 * HRFLOW_CONNECTORS_STORE_ENABLED ("false"/"0" disables; default enabled),
 * HRFLOW_CONNECTORS_STORE ("localjson" default, or "memory"),
 * HRFLOW_CONNECTORS_LOCALJSON_DIR (default `defaultStoreDirectory()`, outside the working directory).
 */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): Store | null {
  const enabled = env.HRFLOW_CONNECTORS_STORE_ENABLED;
  if (enabled !== undefined && ["false", "0", "no", "off"].includes(enabled.trim().toLowerCase()))
    return null;
  const kind = (env.HRFLOW_CONNECTORS_STORE ?? "localjson").trim() || "localjson";
  if (kind === "memory") return new MemoryStore();
  if (kind !== "localjson") {
    throw new StoreConfigError(
      `HRFLOW_CONNECTORS_STORE='${kind}' is not a valid store; use one of [localjson, memory]`,
    );
  }
  const dir = env.HRFLOW_CONNECTORS_LOCALJSON_DIR;
  if (dir !== undefined && dir !== "" && !isAbsolute(dir)) {
    throw new StoreConfigError(`HRFLOW_CONNECTORS_LOCALJSON_DIR='${dir}' should be an absolute path`);
  }
  return new FileStore(dir || defaultStoreDirectory(env));
}
