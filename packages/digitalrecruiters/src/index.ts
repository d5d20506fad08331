export {
  CV_CONCURRENCY,
  DigitalRecruitersJobsAisle,
  DigitalRecruitersProfilesAisle,
  DigitalRecruitersWarehouse,
} from "./aisles.js";
export * from "./client.js";
export { DigitalRecruiters } from "./connector.js";
export * from "./format.js";
export { drDateTime, tags, tagValue, toNumber, toTimestamp } from "./format-helpers.js";
export {
  DigitalRecruitersJobWarehouse,
  DigitalRecruitersReadProfilesWarehouse,
  DigitalRecruitersWriteProfileWarehouse,
} from "./legacy.js";
export * from "./objects.js";
export {
  type ApplicationsQuery,
  DigitalRecruitersPublicApi,
  type PublicApiCredentials,
  sameSite,
} from "./public-api.js";
export * from "./schemas.js";
export { digitalRecruiters, digitalRecruitersPublicApi } from "./vendor.js";
export * from "./webhook.js";
