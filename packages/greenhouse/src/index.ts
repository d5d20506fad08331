export {
  GreenhouseJobsAisle,
  GreenhouseProfilesAisle,
  GreenhouseWarehouse,
  greenhouseClient,
} from "./aisles.js";
export * from "./board.js";
export * from "./client.js";
export { Greenhouse } from "./connector.js";
export * from "./format.js";
export * from "./format-legacy.js";
export { datedTokens, dateFilter, incrementalField } from "./incremental.js";
export { GreenhouseJobWarehouse, GreenhouseProfileWarehouse } from "./legacy.js";
export * from "./objects.js";
export { isArchived } from "./reads.js";
export * from "./schemas.js";
export { greenhouse, greenhouseBoards } from "./vendor.js";
export * from "./webhook.js";
export { CLOCK_SKEW_MS, candidateIdentity, emailOf } from "./writes.js";
