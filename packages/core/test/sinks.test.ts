import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { JsonlDeadLetter, readDeadLetterLines, type UnreadableLine } from "../src/engine/dead-letter.js";
import { FileStore } from "../src/store/file-store.js";
import { sweepStaleTmp } from "../src/store/stale-tmp.js";
import type { Store } from "../src/store/store.js";
import { jobOptions, leadsConnector, runtime, World } from "./fixtures.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => {
  dir = mkdtempSync(join(tmpdir(), "sinks-"));
  return dir;
};

function failingRun(n: number, deadLetter: string, store?: Store) {
  const world = new World().seed(n);
  // Every third lead is refused by the target: each one must reach the dead-letter sink.
  world.writeRejects = (item) => (item.id % 3 === 0 ? "refused" : null);
  const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
  return {
    world,
    run: () => action.run(jobOptions(), { ...runtime(), deadLetter, ...(store ? { store } : {}) }),
  };
}

describe("a dead-letter file that cannot be written", () => {
  it.each([
    ["a directory", (d: string) => d],
    [
      "a path whose parent is a file",
      (d: string) => {
        writeFileSync(join(d, "f"), "x");
        return join(d, "f", "dl.jsonl");
      },
    ],
    ["a full disk (/dev/full)", () => "/dev/full"],
  ])("ends the run fatal naming %s, stops reading, and counts only what it recorded", async (_, where) => {
    const path = where(fresh());
    if (path === "/dev/full" && process.platform !== "linux") return;
    const { world, run } = failingRun(300, path);
    const res = await run();
    expect([res.status, res.reason]).toEqual(["fatal", "dead_letter_failure"]);
    expect(res.message).toContain(path === dir ? dir : path);
    expect(res.message).toMatch(/then run again/);
    expect(res.dead_letter.count).toBe(0);
    expect(res.dead_letter.unrecorded).toBeGreaterThan(0);
    expect(res.accounting_error).toBeUndefined();
    // The read stopped at the failure: fewer items than the source were read.
    expect(res.events.read_success).toBeLessThan(300);
    expect(world.written.length).toBe(res.written);
  });

  it("keeps its lines whole and counted when it works", async () => {
    const file = join(fresh(), "dl.jsonl");
    const { run } = failingRun(30, file);
    const res = await run();
    expect([res.status, res.dead_letter.count]).toEqual(["success_with_failures", 10]);
    const lines: number[] = [];
    for await (const { line } of readDeadLetterLines(file)) lines.push(line);
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });
});

describe("readDeadLetterLines", () => {
  it("skips a torn last line, naming its real line number, and reads every complete one", async () => {
    const file = join(fresh(), "dl.jsonl");
    const sink = new JsonlDeadLetter(file);
    for (let i = 0; i < 11; i++) sink.put({ item: { i } } as never);
    await sink.close();
    writeFileSync(file, '{"item":{"i":', { flag: "a" });
    const bad: UnreadableLine[] = [];
    const items: unknown[] = [];
    for await (const { entry } of readDeadLetterLines(file, (b) => bad.push(b))) items.push(entry.item);
    expect(items).toHaveLength(11);
    expect(bad).toEqual([expect.objectContaining({ line: 12, torn: true })]);
    await expect(async () => {
      for await (const _ of readDeadLetterLines(file));
    }).rejects.toThrow(/line 12 is not a JSON entry \(cut short\)/);
  });
});

describe("the file store", () => {
  it("a state save that fails makes the run fatal (store_failure) and says what to do", async () => {
    // A store whose disk is full: its save really writes to /dev/full and gets ENOSPC.
    const full = {
      name: "full-disk",
      load: async () => null,
      save: async (_key: string, value: unknown) => writeFileSync("/dev/full", JSON.stringify(value)),
    };
    if (process.platform !== "linux") return;
    const { run } = failingRun(6, join(fresh(), "dl.jsonl"), full);
    const res = await run();
    expect([res.status, res.reason]).toEqual(["fatal", "store_failure"]);
    expect(res.store_error).toMatch(/ENOSPC/);
    expect(res.message).toMatch(/Could not save the workflow's state in the full-disk store.*run again/);
    expect(res.written).toBe(4);
  });

  it("removes the temporary files of killed saves: dead pids and old ones, never a live save's", async () => {
    const state = join(fresh(), "state");
    mkdirSync(state);
    const dead = join(state, "wf.json.999999999.abcd1234.tmp");
    const mine = join(state, `wf.json.${process.pid}.abcd1234.tmp`);
    const old = join(state, `wf.json.${process.pid}.beef0000.tmp`);
    const other = join(state, "notes.tmp");
    for (const f of [dead, mine, old, other]) writeFileSync(f, "{");
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    utimesSync(old, hourAgo, hourAgo);
    expect(await sweepStaleTmp(state)).toEqual(expect.arrayContaining([dead, old]));
    expect(readdirSync(state).sort()).toEqual(["notes.tmp", `wf.json.${process.pid}.abcd1234.tmp`]);
    // Opening the store sweeps too.
    writeFileSync(dead, "{");
    await new FileStore(state).save("wf", { ok: true });
    expect(readdirSync(state).sort()).toEqual([
      "notes.tmp",
      "wf.json",
      `wf.json.${process.pid}.abcd1234.tmp`,
    ]);
  });
});
