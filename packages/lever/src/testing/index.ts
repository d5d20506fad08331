export type { FaultSpec, LoggedRequest, RequestLog } from "@hrflow-connectors/core/testing";
export { Random } from "@hrflow-connectors/core/testing";
export { generateOpportunity, generatePosting, generateResume } from "./data.js";
export { FakeOAuthState } from "./oauth-state.js";
export { type FakeLever, type FakeLeverOptions, startFakeLever } from "./server.js";
export type { CreatedOpportunity } from "./store.js";
