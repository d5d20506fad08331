import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { FlowAction } from "../src/actions/index.js";
import { readDeadLetter } from "../src/engine/dead-letter.js";
import { defineConnector, defineWarehouse } from "../src/index.js";
import { FileStore } from "../src/store/file-store.js";
import { MemoryStore } from "../src/store/store.js";
import {
  AUTH,
  fakeHrFlowWarehouse,
  HRFLOW_AUTH,
  jobOptions,
  type Lead,
  leadsConnector,
  runtime,
  World,
} from "./fixtures.js";

/** A connector whose origin generates items lazily and whose target can hang, to observe flow control. */
function streamingConnector(
  total: number,
  probe: { produced: number; consumed: number; maxGap: number; hangBatch?: number },
) {
  const world = new World();
  const pull = z.object({});
  const auth = z.object({ api_key: z.string().describe("key") });
  const hrflow = fakeHrFlowWarehouse(world);
  let batches = 0;
  return defineConnector({
    name: "Stream",
    subtype: "stream",
    description: "",
    url: "",
    type: "Other",
    warehouse: defineWarehouse({
      name: "Stream",
      auth,
      aisles: [
        {
          entity: "job",
          auth,
          read: {
            parameters: { create: pull },
            incremental: { create: { token: (l: Lead) => String(l.id) } },
            read: async function* (ctx) {
              const start = ctx.incrementalToken ? Number(ctx.incrementalToken) + 1 : 1;
              for (let id = start; id <= total; id++) {
                probe.produced++;
                probe.maxGap = Math.max(probe.maxGap, probe.produced - probe.consumed);
                yield { id, name: `job ${id}` };
              }
            },
          },
        },
      ],
    }),
    hrflow: defineWarehouse({
      ...hrflow,
      aisles: [
        {
          entity: "job",
          auth: hrflow.auth,
          write: {
            parameters: { create: z.object({ board_key: z.string().describe("b") }) },
            write: async (_ctx, items) => {
              batches++;
              if (probe.hangBatch === batches) await new Promise(() => {}); // the process "dies" here
              await new Promise((r) => setImmediate(r));
              probe.consumed += items.length;
              return [];
            },
          },
        },
      ],
    }),
    flows: [{ mode: "create", entity: "job", direction: "inbound" }],
  });
}

describe("streaming engine", () => {
  it("keeps the number of items in flight bounded on a large lazy read", async () => {
    const probe = { produced: 0, consumed: 0, maxGap: 0 };
    const action = streamingConnector(200_000, probe).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(
      {
        workflow_id: "big",
        connector_auth: { api_key: "k" },
        hrflow_auth: HRFLOW_AUTH,
        push_parameters: { board_key: "b" },
      },
      runtime({ batchSize: 100, concurrency: 2 }),
    );
    expect(res.status).toBe("success");
    expect(res.written).toBe(200_000);
    // batch being filled + batches being written, never the data set.
    expect(probe.maxGap).toBeLessThanOrEqual(100 * 3 + 1);
    expect(res.peak_in_flight).toBeLessThanOrEqual(100 * 3 + 1);
  });

  it("saves a resume point after each written batch so a run that dies resumes from there", async () => {
    const store = new MemoryStore();
    const probe = { produced: 0, consumed: 0, maxGap: 0, hangBatch: 3 };
    const dying = streamingConnector(95, probe).actions.create_jobs_in_hrflow as FlowAction;
    const options = {
      workflow_id: "resume",
      connector_auth: { api_key: "k" },
      hrflow_auth: HRFLOW_AUTH,
      push_parameters: { board_key: "b" },
      incremental: true,
    };
    void dying.run(options, runtime({ store, batchSize: 10, concurrency: 1 }));
    await expect
      .poll(async () => ((await store.load("resume")) as any)?.resume?.done, { timeout: 5000 })
      .toBe(20);
    // The token itself only moves at the end of a complete read.
    expect(((await store.load("resume")) as any).incremental_token).toBeNull();
    // A fresh process reads the same listing and passes over the finished prefix: 21..95 only.
    // It sees the saved state, not the hung run's lease (which holds the workflow in this process).
    const afterDeath = new MemoryStore();
    await afterDeath.save("resume", await store.load("resume"));
    const probe2 = { produced: 0, consumed: 0, maxGap: 0 };
    const again = streamingConnector(95, probe2).actions.create_jobs_in_hrflow as FlowAction;
    const res = await again.run(options, runtime({ store: afterDeath, batchSize: 10 }));
    expect(res.events.read_success).toBe(75);
    expect(res.incremental_token).toBe("95");
    expect(res.resume).toBeUndefined();
  });

  it("writes failed items to a JSONL dead-letter file with the stage and error, and no secret", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dl-"));
    const world = new World().seed(6);
    world.writeRejects = (l: Lead) => (l.id === 6 ? `rejected for key ${AUTH.api_key}` : null);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const file = join(dir, "dead.jsonl");
    const res = await action.run(
      jobOptions({
        format: (l: Lead) => {
          if (l.id === 2) throw new Error("no title");
          return l;
        },
      }),
      { ...runtime(), deadLetter: file },
    );
    expect(res.dead_letter).toEqual({ location: file, count: 2 });
    const entries = [];
    for await (const e of readDeadLetter(file)) entries.push(e);
    expect(entries.map((e) => [e.stage, (e.item as Lead).id])).toEqual([
      ["format", 2],
      ["write", 6],
    ]);
    expect(entries[0]).toMatchObject({
      run_id: res.action_id,
      workflow_id: "wf-1",
      action_name: "create_jobs_in_hrflow",
    });
    expect(entries[0]!.error).toContain("no title");
    const raw = await readFile(file, "utf8");
    expect(raw).not.toContain(AUTH.api_key);
  });

  it("creates no dead-letter file when nothing fails", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dl-"));
    const world = new World().seed(3);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(jobOptions(), { ...runtime(), deadLetter: join(dir, "none.jsonl") });
    expect(res.dead_letter.count).toBe(0);
    await expect(readFile(join(dir, "none.jsonl"))).rejects.toThrow();
  });

  it("stops cleanly on abort: what was read is written and the checkpoint lets the next run resume", async () => {
    const world = new World().seed(100);
    const store = new FileStore(await mkdtemp(join(tmpdir(), "st-")));
    const ctrl = new AbortController();
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(
      jobOptions({
        incremental: true,
        logics: [
          (l: Lead) => {
            if (l.id === 30) ctrl.abort();
            return l;
          },
        ],
      }),
      { ...runtime({ store, batchSize: 8 }), signal: ctrl.signal },
    );
    expect([res.status, res.reason]).toEqual(["fatal", "aborted"]);
    expect(world.written).toHaveLength(30);
    const next = await action.run(jobOptions({ incremental: true }), runtime({ store }));
    expect(next.events.read_success).toBe(70);
  });

  it("reports progress while reading and once done", async () => {
    const world = new World().seed(1000);
    const seen: string[] = [];
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    await action.run(
      jobOptions(),
      runtime({ batchSize: 100, onProgress: (p: { phase: string }) => seen.push(p.phase) }),
    );
    expect(seen.filter((p) => p === "reading").length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe("done");
  });
});
