import { isAbsolute } from "node:path";
import { FileStore } from "./file-store.js";
import { defaultStoreDirectory, StoreConfigError } from "./locations.js";
import { MemoryStore, type Store } from "./store.js";

/** Builds a store of a registered kind from the environment; throws StoreConfigError on bad settings. */
export type StoreFactory = (env: NodeJS.ProcessEnv) => Store;

// Kinds added by other packages (e.g. "redis" by @hrflow-connectors/bullmq), so core never imports
// their clients: importing such a package registers its kind.
const storeKinds = new Map<string, StoreFactory>();

/** Makes `HRFLOW_CONNECTORS_STORE=<kind>` build a store with the factory. */
export function registerStoreKind(kind: string, build: StoreFactory): void {
  storeKinds.set(kind, build);
}

/**
 * Builds the store from environment variables, in the spirit of the original:
 * HRFLOW_CONNECTORS_STORE_ENABLED ("false"/"0" disables; default enabled),
 * HRFLOW_CONNECTORS_STORE ("localjson" default, "memory", or a registered kind such as "redis"),
 * HRFLOW_CONNECTORS_LOCALJSON_DIR (default `defaultStoreDirectory()`, outside the working directory).
 */
export function storeFromEnv(env: NodeJS.ProcessEnv = process.env): Store | null {
  const enabled = env.HRFLOW_CONNECTORS_STORE_ENABLED;
  if (enabled !== undefined && ["false", "0", "no", "off"].includes(enabled.trim().toLowerCase()))
    return null;
  const kind = (env.HRFLOW_CONNECTORS_STORE ?? "localjson").trim() || "localjson";
  if (kind === "memory") return new MemoryStore();
  const registered = storeKinds.get(kind);
  if (registered) return registered(env);
  if (kind !== "localjson") {
    throw new StoreConfigError(
      `HRFLOW_CONNECTORS_STORE='${kind}' is not a valid store; use one of [${["localjson", "memory", ...storeKinds.keys()].join(", ")}]` +
        (kind === "redis"
          ? " (the redis store comes with @hrflow-connectors/bullmq: install and import it)"
          : ""),
    );
  }
  const dir = env.HRFLOW_CONNECTORS_LOCALJSON_DIR;
  if (dir !== undefined && dir !== "" && !isAbsolute(dir)) {
    throw new StoreConfigError(`HRFLOW_CONNECTORS_LOCALJSON_DIR='${dir}' should be an absolute path`);
  }
  return new FileStore(dir || defaultStoreDirectory(env));
}
