export * from "./connector.js";
export * from "./events.js";
export * from "./flow-action.js";
export * from "./legacy-action.js";
export * from "./options.js";
export * from "./shape.js";
