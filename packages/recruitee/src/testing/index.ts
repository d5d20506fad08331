export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { cvBytes, generateCandidate, generateOffer, recruiteeTime } from "./data.js";
export { type FakeRecruitee, type FakeRecruiteeOptions, startFakeRecruitee } from "./server.js";
