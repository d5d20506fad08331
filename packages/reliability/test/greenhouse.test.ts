import { greenhouseScenarios } from "../src/scenarios/greenhouse.js";
import { proveScenarios } from "./prove.js";

proveScenarios("greenhouse", greenhouseScenarios);
