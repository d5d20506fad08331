export * from "./file-store.js";
export * from "./from-env.js";
export * from "./store.js";
