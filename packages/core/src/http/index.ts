// Client set-up reads the base URL the same way for every vendor.
export { resolveBaseUrl } from "../contracts/warehouse.js";
export * from "./auth.js";
export { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, isBodyTooLargeError } from "./body.js";
export { peekJson, peekText } from "./buffered.js";
export * from "./client.js";
export * from "./context-policy.js";
export * from "./download.js";
export * from "./endpoint-concurrency.js";
export * from "./errors.js";
export * from "./existing-ids.js";
export * from "./headers.js";
export * from "./oauth.js";
export * from "./paginate.js";
export * from "./policy.js";
export * from "./rate-limit.js";
export * from "./runtime.js";
export * from "./settings.js";
export * from "./token-session.js";
