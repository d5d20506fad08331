// The root entry is the authoring and user surface, listed name by name so that nothing internal
// leaks through an `export *`. Everything else has a named subpath (see package.json `exports`):
// ./engine, ./http, ./store, ./logging, ./contracts, ./tooling, ./legacy, ./testing.
// Budget: test/export-count.test.ts; the count is stated in CONTRIBUTING.md.

// Defining a connector. defineVendor joins these when the vendor declaration lands.
export { type Connector, type ConnectorSpec, defineConnector } from "./actions/connector.js";
export type { ActionOptions, FlowActionOptions } from "./actions/options.js";
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
export type { ClientSettings, ParamSchema, ReadContext, WriteContext } from "./contracts/context.js";
export type { Entity, Events, Mode, Reason, Status } from "./contracts/enums.js";
export type { Callback, CallbackInfo, Format, Logic } from "./contracts/hooks.js";
export { timestampParameter } from "./contracts/timestamp.js";
export { defineWarehouse, type Warehouse } from "./contracts/warehouse.js";
// Running an action: its options and result.
export type { DeadLetterEntry, DeadLetterSink } from "./engine/dead-letter.js";
// Writing: item by item, with lookups before a resend, and the token clamps of incremental reads.
export { writeEach } from "./engine/each-item.js";
export { type ReconcileOptions, reconcileDefaults, sendTracker } from "./engine/reconcile.js";
export type { ParameterIssue, RunResult } from "./engine/result.js";
export { clampEpochMs, clampIsoDate } from "./engine/token.js";
export type { Progress, RunOptions } from "./engine/types.js";
// Errors a caller or an author meets.
export { BodyTooLargeError } from "./http/body.js";
export { isHttpStatus } from "./http/client.js";
export { HttpError, isOutcomeUnknown, NetworkError, OutcomeUnknownError } from "./http/errors.js";
export { isOAuthError, OAuthError } from "./http/oauth.js";
export { mapConcurrent } from "./http/paginate.js";
// Logging.
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
