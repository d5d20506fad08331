import { workableScenarios } from "../src/scenarios/workable.js";
import { proveScenarios } from "./prove.js";

proveScenarios(
  "workable into HrFlow",
  workableScenarios.filter((s) => s.action.endsWith("_in_hrflow")),
);
