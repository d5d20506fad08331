export * from "./encrypted-store.js";
export * from "./file-store.js";
export * from "./from-env.js";
export * from "./lease.js";
export * from "./locations.js";
export * from "./store.js";
