export { generateCandidate, generateJob, Random, resumeBytes, workableId } from "./data.js";
export type { FaultSpec, LoggedRequest, RequestLog } from "./plumbing.js";
export { type FakeWorkable, type FakeWorkableOptions, startFakeWorkable } from "./server.js";
export type { CreatedCandidate } from "./state.js";
