import { digitalRecruitersScenarios } from "../src/scenarios/digitalrecruiters.js";
import { proveScenarios } from "./prove.js";

proveScenarios("digitalrecruiters", digitalRecruitersScenarios);
