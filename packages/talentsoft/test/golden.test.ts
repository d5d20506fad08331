import { fileURLToPath } from "node:url";
import { goldenCases } from "@hrflow-connectors/core/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatInfoTsApplicant, formatTsCandidate, formatTsVacancy } from "../src/index.js";

// Each format function against hand-written inputs and hand-reviewed outputs (test/golden/).
// After an intended mapping change: UPDATE_GOLDEN=1 npx vitest run packages/talentsoft/test/golden.test.ts,
// then review the diff of the .output.json files before committing. formatTsCandidate stamps
// `updated_at` with the clock, so the clock is fixed while the cases are computed.
const dir = fileURLToPath(new URL("./golden", import.meta.url));
const FORMATS = { formatTsVacancy, formatTsCandidate, formatInfoTsApplicant };

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2024-06-03T09:54:56.789Z"));
});
afterAll(() => {
  vi.useRealTimers();
});

describe("golden files", () => {
  for (const [name, fn] of Object.entries(FORMATS)) {
    describe(name, () => {
      it("matches every reviewed case", () => {
        const cases = goldenCases(dir, name, fn);
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases)
          expect({ case: c.name, out: c.actual }).toEqual({ case: c.name, out: c.expected });
      });
    });
  }
});
