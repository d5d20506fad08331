import { fileURLToPath } from "node:url";
import { goldenCases } from "@hrflow-connectors/core/testing";
import { describe, expect, it } from "vitest";
import { htmlToText, toIsoDate } from "../src/index.js";

// The shared text and date helpers every connector maps with, pinned on reviewed outputs
// (test/golden/), so an upgrade of html-to-text that changes rendering is seen. After an intended
// change: UPDATE_GOLDEN=1 npx vitest run packages/hrflow/test/golden.test.ts, then review the diff.
const dir = fileURLToPath(new URL("./golden", import.meta.url));
const FORMATS = { htmlToText, toIsoDate: (v: unknown) => toIsoDate(v) };

describe("golden files", () => {
  for (const [name, fn] of Object.entries(FORMATS)) {
    describe(name, () => {
      for (const c of goldenCases(dir, name, fn)) {
        it(c.name, () => expect(c.actual).toEqual(c.expected));
      }
    });
  }
});
