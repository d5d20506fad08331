export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { generateCandidate, generateJob, START } from "./data.js";
export { compileLucene } from "./lucene.js";
export { type FakeBullhorn, type FakeBullhornOptions, startFakeBullhorn } from "./server.js";
export type { FakeWrite, StoredCandidate } from "./state.js";
