export { describeAction } from "./commands/describe.js";
export * from "./config.js";
export * from "./discover.js";
export { main } from "./main.js";
export * from "./options.js";
export * from "./progress.js";
export { WorkQueue } from "./queue.js";
export * from "./schema-doc.js";
export * from "./webhook.js";
