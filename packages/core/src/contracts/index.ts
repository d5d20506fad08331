export * from "./aisle.js";
export * from "./context.js";
export * from "./enums.js";
export * from "./flow.js";
export * from "./hooks.js";
export * from "./timestamp.js";
export * from "./warehouse.js";
