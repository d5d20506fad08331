export { HrFlowJobWarehouse } from "./jobs.js";
export { HrFlowProfileParsingWarehouse } from "./parsing.js";
export { HrFlowProfileWarehouse } from "./profiles.js";
