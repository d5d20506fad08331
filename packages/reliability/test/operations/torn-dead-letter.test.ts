import { appendFileSync, readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "../../../cli/test/helpers.js";
import { type Failed, failRun, proof, scenario } from "./dead-letters.js";

// A crash while a dead-letter line was written leaves it cut short. `replay` must replay every
// complete line and skip the torn one with a warning naming its real line number.

beforeAll(() => ensureBuilt(["core", "hrflow", "digitalrecruiters", "cli"]), BUILD_TIMEOUT);
let failed: Failed | null = null;
afterEach(async () => {
  await failed?.close();
  failed = null;
});

describe("a dead-letter file torn by a crash", () => {
  it("replays the 11 complete lines and warns about line 12; a second replay resends nothing", async () => {
    failed = await failRun(scenario("digitalrecruiters", "push_profile"), 11, (req) =>
      req.method === "POST" && req.url.includes("/api/candidate/apply/") ? "status429" : null,
    );
    const f = failed;
    expect(f.entries).toHaveLength(11);
    // Half of a twelfth entry, as a kill in the middle of its write leaves it.
    const whole = readFileSync(f.deadLetter, "utf8").split("\n")[0]!;
    appendFileSync(f.deadLetter, whole.slice(0, Math.floor(whole.length / 2)));

    const first = await runCli(["replay", f.deadLetter, "-c", f.config, "--json"], { cwd: f.dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/line 12 was cut short/);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ replayed: 11, written: 11, still_failing: 0 });
    expect(report.unreadable_lines).toEqual([{ line: 12, torn: true }]);
    expect(proof(f.world)).toEqual({ missing: [], duplicated: [] });

    const second = await runCli(["replay", f.deadLetter, "-c", f.config, "--json"], { cwd: f.dir });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ replayed: 0, already_replayed: 11 });
    expect(proof(f.world)).toEqual({ missing: [], duplicated: [] });
  });
});
