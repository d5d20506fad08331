import type { LoggedRequest } from "@hrflow-connectors/core/testing";
import { describe, expect, it } from "vitest";
import { flowOptions, runtime, useHarness } from "./harness.js";

// A batch's items are written at once, each holding one of the run's write slots: these runs go
// through the real engine, the HrFlow client and the HrFlow fake on 127.0.0.1.
const { fake, vendor, connector } = await useHarness();

const jobs = (refs: readonly string[]) => refs.map((reference) => ({ name: `Job ${reference}`, reference }));
const refs = (n: number) => Array.from({ length: n }, (_, i) => `ref-${i}`);

/** The most requests matching `method` the fake held unanswered at once, counted as each arrives. */
function peakInFlight(method: string): () => number {
  const log = fake.requests;
  const push = log.push.bind(log);
  let peak = 0;
  log.push = (entry: LoggedRequest) => {
    push(entry);
    if (entry.method !== method) return;
    peak = Math.max(peak, log.log.filter((r) => r.method === method && r.status === 0).length);
  };
  return () => peak;
}

describe("writes inside a batch", { timeout: 30_000 }, () => {
  it("keeps several requests in flight within the run's bound; failures keep the batch's order", async () => {
    const board = fake.addBoard();
    const all = refs(10);
    for (const ref of all)
      if (ref !== "ref-3" && ref !== "ref-6") fake.addJob(board, { name: "Old", reference: ref });
    vendor.items = jobs(all);
    // Each edit is held a little at the fake, so the items sent together are seen together.
    fake.fail({ method: "PUT", route: "/job/indexing", delayMs: 40, times: 10 });
    const peak = peakInFlight("PUT");
    const { options, deadLetter } = runtime(fake, { batchSize: 10, concurrency: 8 });
    const res = await connector.updateJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect([res.status, res.written, res.events.write_failure]).toEqual(["success_with_failures", 8, 2]);
    // One batch written one item after another has 1 request in flight; 8 is the run's own bound.
    expect(peak()).toBeGreaterThan(1);
    expect(peak()).toBeLessThanOrEqual(8);
    // The failures in the middle of the first batch lose none of the others, and keep its order.
    expect(deadLetter.entries.map((e) => (e.item as { reference: string }).reference)).toEqual([
      "ref-3",
      "ref-6",
    ]);
    expect(fake.jobs(board).filter((j) => j.name === "Job ref-9")).toHaveLength(1);
    expect(fake.jobs(board).filter((j) => j.name === "Old")).toHaveLength(0);
  });

  it("holds about one batch beyond the requests in flight, not one batch per request", async () => {
    const board = fake.addBoard();
    const all = refs(120);
    for (const ref of all) fake.addJob(board, { name: "Old", reference: ref });
    vendor.items = jobs(all);
    fake.fail({ method: "PUT", route: "/job/indexing", delayMs: 20, times: 120 });
    const peak = peakInFlight("PUT");
    const { options } = runtime(fake, { batchSize: 10, concurrency: 8 });
    const res = await connector.updateJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect([res.status, res.written]).toEqual(["success", 120]);
    expect(peak()).toBe(8);
    // Eight batches written item by item held 80 items (and the batch being read) for the same
    // 8 requests; now the batch in flight, the next one and the one being read, give or take one.
    expect(res.peak_in_flight).toBeLessThanOrEqual(40);
  });

  it("never writes two items of one reference at once, even in one batch", async () => {
    const board = fake.addBoard();
    vendor.items = jobs(["a", "b", "dup", "c", "d", "e", "f", "dup", "g", "h"]);
    fake.fail({ route: "/job/indexing", delayMs: 30, times: 40 });
    const peak = peakInFlight("GET");
    const { options } = runtime(fake, { batchSize: 10 });
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect([res.status, res.written, res.skipped]).toEqual(["success", 9, 1]);
    // The other items were looked up together, while the second "dup" waited for the first one.
    expect(peak()).toBeGreaterThan(1);
    expect(fake.jobs(board).filter((j) => j.reference === "dup")).toHaveLength(1);
    expect(fake.jobs(board)).toHaveLength(9);
  });

  it("looks up an item whose answer was lost while the rest of its batch goes on, and writes it once", async () => {
    const board = fake.addBoard();
    vendor.items = jobs(refs(10));
    // One create answers 503 late (it may have landed, as far as the client knows).
    fake.fail({ method: "POST", route: "/job/indexing", status: 503, delayMs: 100, times: 1 });
    const { options } = runtime(fake, { batchSize: 10 });
    const res = await connector.createJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect([res.status, res.written]).toEqual(["success", 10]);
    expect(fake.jobs(board)).toHaveLength(10);
    // Ten look-ups before the creates (a small run), and one more before resending the lost one.
    expect(fake.requests.count({ method: "GET", route: "/job/indexing" })).toBe(11);
    expect(fake.requests.count({ method: "POST", route: "/job/indexing" })).toBe(11);
  });

  it("stops after a first batch refused whole (failFast), sending no more than it read", async () => {
    const board = fake.addBoard();
    vendor.items = jobs(refs(200));
    const { options } = runtime(fake, { batchSize: 10, failFast: true });
    const wrong = {
      ...flowOptions(fake, {}, { board_key: board }),
      hrflow_auth: { ...fake.auth, api_secret: "ask_wrong" },
    };
    const res = await connector.updateJobsInHrflow(wrong, options);
    expect([res.status, res.reason]).toEqual(["fatal", "write_failure"]);
    expect(res.message).toMatch(/^Stopped after the first batch/);
    expect(res.events.read_success).toBeLessThan(200);
    expect(fake.requests.count()).toBeLessThanOrEqual(res.events.read_success);
  });

  it("reads and writes no more than --limit items", async () => {
    const board = fake.addBoard();
    for (const ref of refs(60)) fake.addJob(board, { name: "Old", reference: ref });
    vendor.items = jobs(refs(60));
    const { options } = runtime(fake, { batchSize: 10, limit: 25 });
    const res = await connector.updateJobsInHrflow(flowOptions(fake, {}, { board_key: board }), options);
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 25, 25]);
    expect(fake.requests.count({ method: "PUT" })).toBe(25);
  });
});
