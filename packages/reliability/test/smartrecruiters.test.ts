import { smartRecruitersScenarios } from "../src/scenarios/smartrecruiters.js";
import { proveScenarios } from "./prove.js";

proveScenarios("smartrecruiters (both directions, older actions)", smartRecruitersScenarios);
