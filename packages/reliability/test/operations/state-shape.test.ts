import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileStore } from "@hrflow-connectors/core/store";
import { closeAll, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterEach, describe, expect, it } from "vitest";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

/** An incremental Workable -> HrFlow run whose state lives in a file store, as the CLI's does. */
async function world() {
  const workable = await startFakeWorkable({ jobs: 6, seed: 5, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  const dir = await mkdtemp(join(tmpdir(), "state-shape-"));
  cleanups.push(
    () => closeAll(workable, hrflow),
    () => rm(dir, { recursive: true, force: true }),
  );
  const store = new FileStore(dir);
  const board = hrflow.addBoard();
  const runtime = hermeticRuntime({
    store,
    baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
  });
  const run = () =>
    Workable.createJobsInHrflow(
      {
        workflow_id: "shape",
        connector_auth: workable.auth,
        hrflow_auth: hrflow.auth,
        pull_parameters: {},
        push_parameters: { board_key: board },
        incremental: true,
      },
      runtime.options,
    );
  const file = store.fileFor("shape");
  const requests = () => workable.requests.count() + hrflow.requests.count();
  return { run, file, dir, requests, hrflow, board };
}

const WRONG: [string, string][] = [
  ["a token of the wrong type", JSON.stringify({ incremental_token: 42 })],
  ["no token field at all", JSON.stringify({ token: "2024-01-01T00:00:00Z" })],
  ["a resume point of the wrong shape", JSON.stringify({ incremental_token: null, resume: { done: "7" } })],
  ["an array", "[]"],
  ["a token that is no date for Workable", JSON.stringify({ incremental_token: "garbage" })],
  ["a file that is not JSON", "{ incremental_token: "],
];

describe("a state file of the wrong shape is a clear fatal, never a silent re-read", () => {
  for (const [what, text] of WRONG) {
    it(`${what}: fatal naming the file and the reset command; no request; the file kept`, async () => {
      const w = await world();
      await writeFile(w.file, text);
      const res = await w.run();
      expect([res.status, res.reason]).toEqual(["fatal", "store_failure"]);
      expect(res.message).toContain(w.file);
      expect(res.message).toContain(`hrflow-connectors state reset "shape" --state-dir "${w.dir}"`);
      expect(w.requests()).toBe(0);
      // Never saved back: the next run says the same until the operator resets it.
      expect(await readFile(w.file, "utf8")).toBe(text);
    });
  }

  it("once reset (the file deleted), the next run reads everything and writes each job once", async () => {
    const w = await world();
    await writeFile(w.file, JSON.stringify({ incremental_token: 42 }));
    expect((await w.run()).status).toBe("fatal");
    await rm(w.file);
    const res = await w.run();
    expect([res.status, res.written]).toEqual(["success", 6]);
    expect(w.hrflow.jobs(w.board)).toHaveLength(6);
  });
});
