// The root entry is the authoring and user surface, listed name by name so that nothing internal
// leaks through an `export *`: define* and the write helpers a connector needs, a run's options and
// result, the errors a caller meets (recognise them with the is* guards, which read a brand that
// holds across two copies of core, never with `instanceof`), the logger, and `defineVendor` with
// its auth kinds. Everything else has a named subpath (package.json `exports`): ./vendor, ./contracts,
// ./engine, ./http, ./store, ./logging, ./tooling, ./legacy, ./testing.
// The budget is checked by test/export-count.test.ts and stated in CONTRIBUTING.md. Types that a
// connector's inferred declarations mention (Aisle, WriteOperation, Vendor, ...) must stay here:
// TypeScript names them through the root import, never through another subpath's barrel.

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
export type { Events, Mode, Reason, Status } from "./contracts/enums.js";
export type { Callback, EventParser, Format, Logic } from "./contracts/hooks.js";
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
export { oauthClientCredentials } from "./vendor/auth/client-credentials.js";
export { loginSession } from "./vendor/auth/login-session.js";
export { anonymous, apiKey, basic, bearer } from "./vendor/auth/static.js";
export type { Credential } from "./vendor/credential.js";
export { defineVendor, type Vendor, type VendorClient } from "./vendor/define.js";
