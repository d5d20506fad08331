export {
  BullhornApplicationsAisle,
  BullhornCandidateWritesAisle,
  BullhornJobsAisle,
  BullhornProfilesAisle,
  BullhornWarehouse,
  DETAIL_CONCURRENCY,
} from "./aisles.js";
export * from "./client.js";
export { Bullhorn } from "./connector.js";
export { msToIso, toEpochMs, toLuceneDate } from "./dates.js";
export * from "./format.js";
export { bullhornTokens, decodeToken, encodeToken } from "./incremental.js";
export * from "./legacy.js";
export { BULLHORN_LOGIN_HOST, bullhornLogin, trustedBullhornUrl } from "./login.js";
export * from "./objects.js";
export * from "./schemas.js";
export { BULLHORN_RATE_LIMIT, bullhorn } from "./vendor.js";
