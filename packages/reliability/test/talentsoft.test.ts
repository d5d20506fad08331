import { talentSoftScenarios } from "../src/scenarios/talentsoft.js";
import { proveScenarios } from "./prove.js";

proveScenarios("talentsoft", talentSoftScenarios);
