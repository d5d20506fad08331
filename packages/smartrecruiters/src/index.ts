export {
  DETAIL_CONCURRENCY,
  SmartRecruitersJobsAisle,
  SmartRecruitersProfilesAisle,
  SmartRecruitersWarehouse,
} from "./aisles.js";
export * from "./client.js";
export { SmartRecruiters } from "./connector.js";
export * from "./format.js";
export { SmartRecruitersJobWarehouse, SmartRecruitersProfileWarehouse } from "./legacy.js";
export * from "./objects.js";
export * from "./schemas.js";
export { smartrecruiters } from "./vendor.js";
export * from "./webhook.js";
