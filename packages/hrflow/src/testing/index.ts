export type { FaultSpec, LoggedRequest } from "./faults.js";
export { type FakeHrFlow, type FakeHrFlowOptions, startFakeHrFlow } from "./server.js";
export type { Item as FakeItem } from "./store.js";
export { findEntities, parseText } from "./text.js";
