// The root entry is the authoring and user surface, listed name by name so that nothing internal
// leaks through an `export *`: define* and the write helpers a connector needs, a run's options and
// result, the errors a caller meets (recognise them with the is* guards, which read a brand that
// holds across two copies of core, never with `instanceof`), and the logger. defineVendor joins
// them when the vendor declaration lands. Everything else has a named subpath (package.json
// `exports`): ./contracts, ./engine, ./http, ./store, ./logging, ./tooling, ./legacy, ./testing.
// The budget is checked by test/export-count.test.ts and stated in CONTRIBUTING.md.

export { type Connector, defineConnector } from "./actions/connector.js";
export type { ActionOptions } from "./actions/options.js";
// The workflow templates users copy (docs, manifest) import these two from the root.
export { catchWorkflow, runWorkflow } from "./actions/workflow.js";
export {
  type Aisle,
  defineAisle,
  type Endpoint,
  type IncrementalToken,
  openWrite,
  type ReadOperation,
  type WriteFailure,
  type WriteOperation,
  type WriteSession,
  type WriteSummary,
} from "./contracts/aisle.js";
export type { ParamSchema, ReadContext, WriteContext } from "./contracts/context.js";
export type { Entity, Events, Mode, Reason, Status } from "./contracts/enums.js";
export type { Callback, CallbackInfo, EventParser, Format, Logic } from "./contracts/hooks.js";
export { timestampParameter } from "./contracts/timestamp.js";
export { defineWarehouse, type Warehouse } from "./contracts/warehouse.js";
export type { DeadLetterEntry, DeadLetterSink } from "./engine/dead-letter.js";
export { writeEach } from "./engine/each-item.js";
export { type ReconcileOptions, reconcileDefaults, sendTracker } from "./engine/reconcile.js";
export type { RunResult } from "./engine/result.js";
export { clampEpochMs, clampIsoDate } from "./engine/token.js";
export type { RunOptions } from "./engine/types.js";
export { BodyTooLargeError, isBodyTooLargeError } from "./http/body.js";
export { isHttpStatus } from "./http/client.js";
export {
  HttpError,
  isHttpError,
  isNetworkError,
  isOutcomeUnknown,
  NetworkError,
  OutcomeUnknownError,
} from "./http/errors.js";
export { isOAuthError, OAuthError } from "./http/oauth.js";
export { mapConcurrent } from "./http/paginate.js";
export {
  createLogger,
  jsonLinesSink,
  type Logger,
  type LogRecord,
  type LogSink,
  prettySink,
  silentSink,
} from "./logging/logger.js";
export type { Store } from "./store/store.js";
