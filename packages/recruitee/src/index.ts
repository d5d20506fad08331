export {
  clientFor,
  DETAIL_CONCURRENCY,
  RecruiteeJobsAisle,
  RecruiteeProfilesAisle,
  RecruiteeWarehouse,
} from "./aisles.js";
export * from "./client.js";
export { Recruitee } from "./connector.js";
export * from "./format.js";
export { compareDatedIds, parseToken } from "./incremental.js";
export { RecruiteeJobWarehouse, RecruiteeProfileWarehouse } from "./legacy.js";
export * from "./objects.js";
export * from "./schemas.js";
export * from "./webhook.js";
