import { bullhornScenarios } from "../src/scenarios/bullhorn.js";
import { proveScenarios } from "./prove.js";

proveScenarios("bullhorn", bullhornScenarios);
