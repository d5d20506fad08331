import { existsSync, rmSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, runCli } from "../../../cli/test/helpers.js";
import { type Failed, failRun, proof, scenario } from "./dead-letters.js";

// An operator replays a dead-letter file, then (a cron entry, a colleague, a retry after a
// crash) replays it again. The second replay must resend nothing that landed; and a resend
// of a create must look the item up first even when its failure was known.

beforeAll(() => ensureBuilt(["core", "hrflow", "workable", "digitalrecruiters", "cli"]), BUILD_TIMEOUT);
let failed: Failed | null = null;
afterEach(async () => {
  await failed?.close();
  failed = null;
});

const N = 5;
const replay = (f: Failed, ...flags: string[]) =>
  runCli(["replay", f.deadLetter, "-c", f.config, "--json", ...flags], { cwd: f.dir });

describe("replaying one dead-letter file twice", () => {
  it.each([
    // Workable refuses every create (429, retries spent): a known failure, nothing landed. Its
    // lookup is then proven without the journal on the same world (one failed run, not two).
    ["workable", "create_profiles_in_workable", "/candidates", true],
    // DigitalRecruiters has no lookup: only the journal keeps the second replay from resending.
    ["digitalrecruiters", "push_profile", "/api/candidate/apply/", false],
  ])(
    "%s %s: the second replay resends nothing, 0 missing and 0 duplicated",
    async (connector, action, path, lookup) => {
      failed = await failRun(scenario(connector, action), N, (req) =>
        req.method === "POST" && req.url.includes(path) ? "status429" : null,
      );
      const f = failed;
      expect(f.entries).toHaveLength(N);
      expect(f.entries.every((e) => e.stage === "write" && e.outcome === undefined)).toBe(true);
      expect(f.world.held().size).toBe(0);

      const first = await replay(f);
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ replayed: N, written: N, still_failing: 0 });
      const journal = JSON.parse(first.stdout).journal as string;
      expect(existsSync(journal)).toBe(true);

      const second = await replay(f);
      expect(second.code, second.stderr).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ replayed: 0, written: 0, already_replayed: N });
      expect(second.stderr).toMatch(/already replayed/);
      expect(proof(f.world)).toEqual({ missing: [], duplicated: [] });
      if (!lookup) return;

      // Without its journal (another machine, a cleaned folder), a replay of known failures still
      // looks each create up first: the lookup finds every candidate and nothing is sent twice.
      rmSync(journal);
      const again = await replay(f);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ replayed: N, written: N, still_failing: 0 });
      expect(proof(f.world)).toEqual({ missing: [], duplicated: [] });
    },
  );
});
