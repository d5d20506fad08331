import { fileURLToPath } from "node:url";
import { goldenCases } from "@hrflow-connectors/core/testing";
import { describe, expect, it } from "vitest";
import {
  formatCandidate,
  formatCandidateArchive,
  formatJob,
  formatJobArchive,
  formatProfile,
  formatProfileArchive,
  formatProfileUpdate,
} from "../src/index.js";

// Each format function against hand-written inputs and hand-reviewed outputs (test/golden/).
// After an intended mapping change: UPDATE_GOLDEN=1 npx vitest run packages/smartrecruiters/test/golden.test.ts,
// then review the diff of the .output.json files before committing.
const dir = fileURLToPath(new URL("./golden", import.meta.url));
const FORMATS = {
  formatJob,
  formatJobArchive,
  formatCandidate,
  formatCandidateArchive,
  formatProfile,
  formatProfileUpdate,
  formatProfileArchive,
};

describe("golden files", () => {
  for (const [name, fn] of Object.entries(FORMATS)) {
    describe(name, () => {
      for (const c of goldenCases(dir, name, fn)) {
        it(c.name, () => expect(c.actual).toEqual(c.expected));
      }
    });
  }
});
