export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { Random } from "@hrflow-connectors/core/testing";
export { generateCandidate, generateJob, resumeBytes, workableId } from "./data.js";
export { type FakeWorkable, type FakeWorkableOptions, startFakeWorkable } from "./server.js";
export type { CreatedCandidate } from "./state.js";
