export {
  LeverJobsAisle,
  LeverProfilesAisle,
  LeverWarehouse,
  RESUME_CONCURRENCY,
  WRITE_BATCH_SIZE,
} from "./aisles.js";
export * from "./client.js";
export { Lever } from "./connector.js";
export * from "./format.js";
export * from "./format-helpers.js";
export { LeverJobWarehouse, LeverOpportunityTarget, LeverProfileWarehouse } from "./legacy.js";
export * from "./objects.js";
export * from "./schemas.js";
export { lever } from "./vendor.js";
export * from "./webhook.js";
