export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { generateCandidate, generateJob, generateLocation, resumeBytes, teamtailorTime } from "./data.js";
export { type FakeTeamtailor, type FakeTeamtailorOptions, startFakeTeamtailor } from "./server.js";
export type { CreatedCandidate } from "./state.js";
