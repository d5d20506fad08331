import { recruiteeScenarios } from "../src/scenarios/recruitee.js";
import { proveScenarios } from "./prove.js";

proveScenarios("recruitee (profiles in, stopped and resumed; profiles out)", recruiteeScenarios);
