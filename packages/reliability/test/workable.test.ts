import { workableScenarios } from "../src/scenarios/workable.js";
import { proveScenarios } from "./prove.js";

proveScenarios(
  "workable (older actions, and HrFlow into Workable)",
  workableScenarios.filter((s) => !s.action.endsWith("_in_hrflow")),
);
