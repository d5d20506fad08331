import { fileURLToPath } from "node:url";
import { goldenCases } from "@hrflow-connectors/core/testing";
import type { HrFlowProfile } from "@hrflow-connectors/hrflow";
import { describe, expect, it } from "vitest";
import { formatDrProfile, formatJob, profileToApplication } from "../src/index.js";

// Each format function against hand-written inputs and hand-reviewed outputs (test/golden/).
// After an intended mapping change:
//   UPDATE_GOLDEN=1 npx vitest run packages/digitalrecruiters/test/golden.test.ts
// then review the diff of the .output.json files before committing. `format_profile` is pinned
// through profileToApplication with a fixed clock (its consent date is "now").
const dir = fileURLToPath(new URL("./golden", import.meta.url));
const NOW = new Date("2024-06-03T09:54:56.789Z");
const FORMATS = {
  formatJob,
  formatDrProfile,
  profileToApplication: (profile: HrFlowProfile) => profileToApplication(profile, NOW),
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
