export { listProfilesRead } from "./aisles/profiles.js";
export * from "./client.js";
export * from "./legacy/index.js";
export { enrichJob, htmlToText, jobText } from "./ops/enrich.js";
export { hydrateProfile } from "./ops/hydrate.js";
export * from "./parameters.js";
export * from "./schemas.js";
export * from "./values.js";
export { HrFlowWarehouse } from "./warehouse.js";
