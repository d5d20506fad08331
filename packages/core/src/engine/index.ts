export * from "./concurrency.js";
export * from "./dead-letter.js";
export * from "./each-item.js";
export * from "./result.js";
export * from "./run.js";
export * from "./token.js";
export * from "./types.js";
export * from "./validate.js";
