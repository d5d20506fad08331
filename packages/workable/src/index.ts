export { DETAIL_CONCURRENCY, WorkableJobsAisle, WorkableProfilesAisle, WorkableWarehouse } from "./aisles.js";
export * from "./client.js";
export { Workable } from "./connector.js";
export * from "./format.js";
export { parseCoords, tagValue, toHrFlowDate, toHrFlowLocation, toWorkableDate } from "./format-helpers.js";
export { WorkableJobWarehouse, WorkableProfileWarehouse } from "./legacy.js";
export * from "./objects.js";
export * from "./schemas.js";
export * from "./webhook.js";
