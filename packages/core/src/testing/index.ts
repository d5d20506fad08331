export * from "./fake-server.js";
export * from "./fault-proxy.js";
export * from "./faults.js";
export * from "./golden.js";
export * from "./random.js";
export * from "./rate-window.js";
export * from "./request-log.js";
export * from "./runtime.js";
