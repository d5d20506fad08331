import type { Scenario } from "../harness.js";
import { digitalRecruitersScenarios } from "./digitalrecruiters.js";
import { leverScenarios } from "./lever.js";
import { smartRecruitersScenarios } from "./smartrecruiters.js";
import { talentSoftScenarios } from "./talentsoft.js";
import { workableScenarios } from "./workable.js";

/** Every action of every connector that moves items, as a fault scenario. */
export const allScenarios: Scenario[] = [
  ...workableScenarios,
  ...leverScenarios,
  ...digitalRecruitersScenarios,
  ...talentSoftScenarios,
  ...smartRecruitersScenarios,
];
