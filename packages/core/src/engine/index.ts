export * from "./accounting.js";
export { isResumePoint, RESUME_MAX_AGE_MS, type ResumePoint } from "./checkpoint.js";
export * from "./concurrency.js";
export * from "./dead-letter.js";
export * from "./each-item.js";
export * from "./identity.js";
export * from "./identity-locks.js";
export * from "./reconcile.js";
export * from "./result.js";
export * from "./run.js";
export * from "./run-options.js";
export {
  isStateShapeError,
  loadState,
  resetCommand,
  StateShapeError,
  stateLocation,
  storedStateSchema,
} from "./state.js";
export * from "./token.js";
export * from "./types.js";
export * from "./validate.js";
