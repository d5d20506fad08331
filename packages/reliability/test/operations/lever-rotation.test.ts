import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStore, STORE_KEY_VARIABLE } from "@hrflow-connectors/core/store";
import { closeAll, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Lever } from "@hrflow-connectors/lever";
import { type FakeLever, startFakeLever } from "@hrflow-connectors/lever/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ensureBuilt, runCli } from "../../../cli/test/helpers.js";
import { liveJobs } from "../../src/scenarios/common.js";

// Lever rotates its refresh token on every refresh: two runs sharing one app (and one state store)
// must take turns, each using the token the other rotated; and a saved state that cannot be read
// must never lead to the single-use authorization code being sent again.

let lever: FakeLever | undefined;
let hrflow: FakeHrFlow | undefined;
let home: string | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  if (lever && hrflow) await closeAll(lever, hrflow);
  if (home) rmSync(home, { recursive: true, force: true });
  lever = hrflow = home = undefined;
});

const tokenAnswers = (l: FakeLever) => l.requests.filter({ route: "/auth/oauth/token" }).map((r) => r.status);

describe("Lever's rotating refresh token", () => {
  it("two CLI runs sharing one app refresh one at a time with the token the other rotated: both succeed", {
    timeout: 240_000,
  }, async () => {
    ensureBuilt(["core", "hrflow", "lever", "cli"]);
    // Access tokens live one second: each run refreshes several times while the other does too.
    lever = await startFakeLever({ postings: 300, seed: 31, rateLimit: null, expiresIn: 1 });
    hrflow = await startFakeHrFlow();
    home = mkdtempSync(join(tmpdir(), "ops-lever-"));
    const credentials = lever.credentials();
    const configFor = (workflow: string) => {
      const board = hrflow!.addBoard();
      const file = join(home!, `${workflow}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          workflow_id: workflow,
          origin_parameters: { ...credentials, limit: 10 },
          target_parameters: { ...hrflow!.auth, board_key: board, sync: false },
          base_urls: { ...lever!.baseUrls, hrflow: hrflow!.baseUrl },
        }),
      );
      return { file, board };
    };
    const env = { HRFLOW_CONNECTORS_HOME: home, [STORE_KEY_VARIABLE]: randomBytes(32).toString("base64") };
    const run = (file: string) =>
      runCli(["run", "lever", "pull_job_list", "-c", file, "--json"], { cwd: home, env });

    // The first run exchanges the code; the next ones start from its (sealed) refresh token.
    const first = configFor("lever-first");
    expect((await run(first.file)).code).toBe(0);
    const [b, c] = [configFor("lever-b"), configFor("lever-c")];
    const results = await Promise.all([run(b.file), run(c.file)]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    // Every token request was granted: no refresh with a spent token, the code sent once.
    const answers = tokenAnswers(lever);
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    expect(answers.length).toBeGreaterThan(3);
    for (const { board } of [first, b, c]) {
      const held = liveJobs(hrflow, board);
      expect(held.size).toBe(300);
      expect([...held.values()].every((n) => n === 1)).toBe(true);
    }
  });

  describe.each([
    ["the key changed", "changed"],
    [`${STORE_KEY_VARIABLE} unset`, "unset"],
    ["the saved state is garbage", "garbage"],
  ] as const)("when %s", (_name, how) => {
    it("the run asks to re-authorize and the spent code is not sent again", { timeout: 60_000 }, async () => {
      lever = await startFakeLever({ postings: 5, seed: 32, rateLimit: null });
      hrflow = await startFakeHrFlow();
      home = mkdtempSync(join(tmpdir(), "ops-lever-"));
      const options = {
        workflow_id: "lever-sealed",
        origin_parameters: lever.credentials(),
        target_parameters: { ...hrflow.auth, board_key: hrflow.addBoard(), sync: false },
      };
      const runtime = () =>
        hermeticRuntime({
          baseUrls: { ...lever!.baseUrls, hrflow: hrflow!.baseUrl },
          store: new FileStore(home!),
        });
      vi.stubEnv(STORE_KEY_VARIABLE, randomBytes(32).toString("base64"));
      expect((await Lever.pullJobList(options, runtime().options)).status).toBe("success");
      expect(tokenAnswers(lever)).toEqual([200]);

      // A new process, whose saved Lever state cannot be opened.
      if (how === "changed") vi.stubEnv(STORE_KEY_VARIABLE, randomBytes(32).toString("base64"));
      if (how === "unset") vi.stubEnv(STORE_KEY_VARIABLE, "");
      if (how === "garbage") {
        for (const f of readdirSync(home).filter((n) => n.startsWith("lever-oauth"))) {
          writeFileSync(join(home, f), "{ not json");
        }
      }
      const again = runtime();
      const result = await Lever.pullJobList(options, again.options);
      expect(result.status).toBe("fatal");
      expect(result.message).toMatch(/re-authorize the app in Lever and set a new authorization_code/);
      expect(result.message).not.toContain(options.origin_parameters.authorization_code);
      expect(tokenAnswers(lever)).toEqual([200]);
      expect(lever.requests.count({ routePrefix: "/v1/" })).toBe(1);
      if (how === "unset") {
        const warned = again.logs.filter(
          (l) => l.level === "warn" && l.message.includes(`${STORE_KEY_VARIABLE} is not set`),
        );
        expect(warned.length).toBeGreaterThan(0);
      }
    });
  });
});
