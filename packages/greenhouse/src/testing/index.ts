export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { Random } from "@hrflow-connectors/core/testing";
export { DEPARTMENTS, EPOCH_MS, generateCandidate, generateJob, OFFICES } from "./data.js";
export { type FakeGreenhouse, type FakeGreenhouseOptions, startFakeGreenhouse } from "./server.js";
export { FakeGreenhouseState, FILTERS } from "./state.js";
export { type GreenhouseDelivery, greenhouseDelivery } from "./webhooks.js";
