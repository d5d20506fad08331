export type { FaultSpec, LoggedRequest, RequestLog } from "@hrflow-connectors/core/testing";
export { Random } from "@hrflow-connectors/core/testing";
export { cvBytes, generateApplication, generateJobAd } from "./data.js";
export {
  type FakeDigitalRecruiters,
  type FakeDigitalRecruitersOptions,
  routeOf,
  startFakeDigitalRecruiters,
} from "./server.js";
export type { ReceivedApplication } from "./state.js";
