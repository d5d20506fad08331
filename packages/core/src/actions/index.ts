export * from "./connector.js";
export * from "./events.js";
export * from "./flow-action.js";
export * from "./flow-shape.js";
export * from "./options.js";
export * from "./shape.js";
export * from "./signed-webhook.js";
export * from "./workflow.js";
