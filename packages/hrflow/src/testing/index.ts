export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { hrflowProfile } from "./profiles.js";
export { type FakeHrFlow, type FakeHrFlowOptions, startFakeHrFlow } from "./server.js";
export type { Item as FakeItem } from "./store.js";
export { findEntities, parseText } from "./text.js";
