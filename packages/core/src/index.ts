export * from "./actions/index.js";
export * from "./contracts/index.js";
export * from "./engine/index.js";
export * from "./http/index.js";
export * from "./logging/index.js";
export * from "./store/index.js";
export * from "./vendor/index.js";
