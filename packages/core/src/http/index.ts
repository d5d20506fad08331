export * from "./client.js";
export * from "./context-policy.js";
export * from "./errors.js";
export * from "./paginate.js";
export * from "./policy.js";
export * from "./rate-limit.js";
export * from "./token-session.js";
export * from "./transport.js";
