export {
  clientFor,
  DETAIL_CONCURRENCY,
  TeamtailorJobsAisle,
  TeamtailorProfilesAisle,
  TeamtailorWarehouse,
} from "./aisles.js";
export * from "./client.js";
export { Teamtailor } from "./connector.js";
export * from "./format.js";
export { compareDatedIds, parseToken } from "./incremental.js";
export { TeamtailorJobWarehouse, TeamtailorProfileWarehouse } from "./legacy.js";
export * from "./objects.js";
export * from "./schemas.js";
export * from "./webhook.js";
