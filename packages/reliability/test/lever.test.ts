import { leverScenarios } from "../src/scenarios/lever.js";
import { proveScenarios } from "./prove.js";

proveScenarios("lever", leverScenarios);
