export * from "./connector.js";
export * from "./enums.js";
export * from "./flow.js";
export * from "./legacy.js";
export * from "./timestamp.js";
export * from "./warehouse.js";
