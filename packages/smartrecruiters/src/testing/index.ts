export type { FaultSpec, LoggedRequest, RequestFilter, RequestLog } from "@hrflow-connectors/core/testing";
export { Random } from "@hrflow-connectors/core/testing";
export { generateCandidate, generateJob, smartRecruitersId } from "./data.js";
export {
  type FakeSmartRecruiters,
  type FakeSmartRecruitersOptions,
  startFakeSmartRecruiters,
} from "./server.js";
export type { CreatedCandidate } from "./state.js";
export { type DeliveryOptions, signedDelivery } from "./webhook.js";
