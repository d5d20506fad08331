import { isAbsolute } from "node:path";
import { FileStore } from "./file-store.js";
import { defaultStoreDirectory, StoreConfigError } from "./locations.js";
import { MemoryStore, type Store } from "./store.js";

/** Builds a store of one kind from the environment; throws StoreConfigError on bad settings. */
export type StoreFactory = (env: NodeJS.ProcessEnv) => Store;

/**
 * Builds the store from environment variables, in the spirit of the original:
 * HRFLOW_CONNECTORS_STORE_ENABLED ("false"/"0" disables; default enabled),
 * HRFLOW_CONNECTORS_STORE ("localjson" default, "memory", or a kind given in `kinds`, such as
 * "redis" from @hrflow-connectors/bullmq's `storeKinds`),
 * HRFLOW_CONNECTORS_LOCALJSON_DIR (default `defaultStoreDirectory()`, outside the working directory).
 * Other kinds are passed in, never registered by importing a package: with two copies of core in
 * one install a registry fills one copy and the run reads the other.
 */
export function storeFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  kinds: Readonly<Record<string, StoreFactory>> = {},
): Store | null {
  const enabled = env.HRFLOW_CONNECTORS_STORE_ENABLED;
  if (enabled !== undefined && ["false", "0", "no", "off"].includes(enabled.trim().toLowerCase()))
    return null;
  const kind = (env.HRFLOW_CONNECTORS_STORE ?? "localjson").trim() || "localjson";
  if (kind === "memory") return new MemoryStore();
  const given = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  if (given) return given(env);
  if (kind !== "localjson") {
    throw new StoreConfigError(
      `HRFLOW_CONNECTORS_STORE='${kind}' is not a valid store; use one of [${["localjson", "memory", ...Object.keys(kinds)].join(", ")}]` +
        (kind === "redis"
          ? " (the redis store comes with @hrflow-connectors/bullmq: pass the run `store: storeFromEnv(process.env, storeKinds)` with its `storeKinds`, or a `RedisStore`)"
          : ""),
    );
  }
  const dir = env.HRFLOW_CONNECTORS_LOCALJSON_DIR;
  if (dir !== undefined && dir !== "" && !isAbsolute(dir)) {
    throw new StoreConfigError(`HRFLOW_CONNECTORS_LOCALJSON_DIR='${dir}' should be an absolute path`);
  }
  return new FileStore(dir || defaultStoreDirectory(env));
}
