import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { fingerprint } from "../src/engine/checkpoint.js";
import { loadState, StateShapeError, usableResume } from "../src/engine/state.js";
import { clampDateLike, clampEpochMs, clampIsoDate, tokenCeiling } from "../src/engine/token.js";
import { MemoryStore } from "../src/store/store.js";
import { jobOptions, type Lead, leadsConnector, runtime, World } from "./fixtures.js";

const START = new Date("2026-01-01T00:00:00.000Z");
const CEILING = tokenCeiling(START);

describe("token clamps", () => {
  it("hold back dates past the run's start plus 5 minutes, and nothing else", () => {
    expect(CEILING.toISOString()).toBe("2026-01-01T00:05:00.000Z");
    expect(clampDateLike("2026-01-01T00:04:59Z", CEILING)).toBe("2026-01-01T00:04:59Z");
    expect(clampDateLike("2026-01-01T00:05:01Z", CEILING)).toBeNull();
    expect(clampDateLike("2999-01-01", CEILING)).toBeNull();
    // Ids and numbers have no clock: the default cannot tell an id from a time.
    expect(clampDateLike("99999999999999", CEILING)).toBe("99999999999999");
    expect(clampDateLike("abc", CEILING)).toBe("abc");
  });

  it("refuse a text that is no token of their kind", () => {
    expect(() => clampIsoDate("garbage", CEILING)).toThrow(/not an ISO 8601 date/);
    expect(clampIsoDate("2999-01-01T00:00:00Z", CEILING)).toBeNull();
    expect(clampEpochMs(String(CEILING.getTime()), CEILING)).toBe(String(CEILING.getTime()));
    expect(clampEpochMs(String(CEILING.getTime() + 1), CEILING)).toBeNull();
    expect(clampEpochMs("", CEILING)).toBe("");
    expect(() => clampEpochMs("2026-01-01", CEILING)).toThrow(/epoch milliseconds/);
  });
});

describe("loadState", () => {
  it("names the store and key, and the reset command, for a wrong shape", async () => {
    const store = new MemoryStore();
    await store.save("wf", { incremental_token: ["x"] });
    const err = await loadState(store, "wf", clampDateLike, CEILING).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateShapeError);
    expect((err as Error).message).toContain(`state "wf" in the memory store`);
    expect((err as Error).message).toContain(`incremental_token`);
    expect((err as Error).message).toContain(`hrflow-connectors state reset "wf"`);
  });

  it("drops a stored token past the ceiling, with its resume point", async () => {
    const store = new MemoryStore();
    await store.save("wf", {
      incremental_token: "2999-01-01",
      resume: { from: "2999-01-01", done: 3, digest: "d" },
    });
    expect(await loadState(store, "wf", clampDateLike, CEILING)).toEqual({
      token: null,
      resume: null,
      heldBack: "2999-01-01",
    });
  });
});

describe("usableResume", () => {
  const point = { from: null, done: 4, digest: "d", scope: "s", at: START.toISOString() };
  const full = { incremental: false, token: null, scope: "s", now: new Date(START.getTime() + 60_000) };

  it("lets a full read resume a fresh point of its own scope only", () => {
    expect(usableResume(point, full)).toBe(point);
    expect(usableResume(point, { ...full, scope: "other" })).toBeNull();
    expect(usableResume(point, { ...full, now: new Date(START.getTime() + 7 * 3_600_000) })).toBeNull();
    expect(usableResume(point, { ...full, maxAgeMs: 30_000 })).toBeNull();
    // A point from an older version (no scope, no time) is an incremental run's only.
    expect(usableResume({ from: null, done: 4, digest: "d" }, full)).toBeNull();
    expect(usableResume({ from: null, done: 4, digest: "d" }, { ...full, incremental: true })).not.toBeNull();
  });
});

describe("fingerprint", () => {
  it("follows content, bytes included, and not object identity", () => {
    const a = { id: 1, file: Buffer.from("pdf-1"), tags: ["x"] };
    expect(fingerprint(a)).toBe(fingerprint({ id: 1, file: Buffer.from("pdf-1"), tags: ["x"] }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, file: Buffer.from("pdf-2") }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, tags: ["y"] }));
    expect(fingerprint({ n: 1 })).not.toBe(fingerprint({ n: "1" }));
    // Bytes count as bytes, whatever their view; their length and content both matter.
    expect(fingerprint({ file: new Uint8Array(Buffer.from("pdf-1")) })).toBe(
      fingerprint({ file: Buffer.from("pdf-1") }),
    );
    expect(fingerprint({ file: Buffer.from("pdf-1") })).not.toBe(
      fingerprint({ file: Buffer.from("pdf-10") }),
    );
    expect(fingerprint({ files: [Buffer.from("x"), Buffer.from("y")] })).not.toBe(
      fingerprint({ files: [Buffer.from("y"), Buffer.from("x")] }),
    );
  });

  it("hashes an item without bytes as its JSON text, as resume points saved earlier did", () => {
    const item = { id: 7, name: "Ada", tags: ["x"], at: null };
    const digest = createHash("sha256").update(JSON.stringify(item)).digest("base64");
    expect(fingerprint(item)).toBe(digest);
  });
});

describe("a full read's resume scope", () => {
  it("ignores secrets: a rotated key resumes, another board does not", async () => {
    const world = new World().seed(12);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const store = new MemoryStore();
    const stop = new AbortController();
    const stopAt = (id: number) => [
      (l: Lead) => {
        if (l.id === id) stop.abort();
        return l;
      },
    ];
    const first = await action.run(
      jobOptions({ logics: stopAt(5) }),
      runtime({ store, batchSize: 2, stop: stop.signal }),
    );
    expect([first.reason, first.resume?.done]).toEqual(["aborted", 5]);
    const saved = JSON.stringify(await store.load("wf-1"));
    expect(saved).not.toContain("leads-secret-123456");
    const rotated = jobOptions({ connector_auth: { api_key: "rotated-key-7890", region: "eu" } });
    const resumed = await action.run(rotated, runtime({ store, batchSize: 2 }));
    expect([resumed.status, resumed.events.read_success]).toEqual(["success", 7]);
    expect(world.written.map((l) => (l as Lead).id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));

    const again = new AbortController();
    const stopAgain = [
      (l: Lead) => {
        if (l.id === 5) again.abort();
        return l;
      },
    ];
    await action.run(jobOptions({ logics: stopAgain }), runtime({ store, batchSize: 2, stop: again.signal }));
    const elsewhere = jobOptions({ push_parameters: { board_key: "board-2" } });
    expect((await action.run(elsewhere, runtime({ store, batchSize: 2 }))).events.read_success).toBe(12);
  });
});

describe("a full dry run", () => {
  it("neither uses nor changes a pending resume point", async () => {
    const world = new World().seed(6);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const store = new MemoryStore();
    const stop = new AbortController();
    const logics = [
      (l: Lead) => {
        if (l.id === 2) stop.abort();
        return l;
      },
    ];
    await action.run(jobOptions({ logics }), runtime({ store, batchSize: 2, stop: stop.signal }));
    const pending = await store.load("wf-1");
    const dry = await action.run(jobOptions({ persist: false }), runtime({ store, batchSize: 2 }));
    expect([dry.events.read_success, dry.accounting.held]).toEqual([6, 6]);
    expect(await store.load("wf-1")).toEqual(pending);
    const resumed = await action.run(jobOptions(), runtime({ store, batchSize: 2 }));
    expect([resumed.events.read_success, resumed.written]).toEqual([4, 4]);
  });
});
