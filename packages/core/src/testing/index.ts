export * from "./fake-server.js";
export * from "./faults.js";
export * from "./request-log.js";
