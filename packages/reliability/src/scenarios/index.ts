import type { Scenario } from "../harness.js";
import { bullhornScenarios } from "./bullhorn.js";
import { digitalRecruitersScenarios } from "./digitalrecruiters.js";
import { greenhouseScenarios } from "./greenhouse.js";
import { leverScenarios } from "./lever.js";
import { recruiteeScenarios } from "./recruitee.js";
import { smartRecruitersScenarios } from "./smartrecruiters.js";
import { talentSoftScenarios } from "./talentsoft.js";
import { teamtailorScenarios } from "./teamtailor.js";
import { workableScenarios } from "./workable.js";

/** Every action of every connector that moves items, as a fault scenario. */
export const allScenarios: Scenario[] = [
  ...workableScenarios,
  ...leverScenarios,
  ...digitalRecruitersScenarios,
  ...talentSoftScenarios,
  ...greenhouseScenarios,
  ...teamtailorScenarios,
  ...recruiteeScenarios,
  ...bullhornScenarios,
  ...smartRecruitersScenarios,
];
