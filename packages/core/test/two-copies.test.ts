import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as actionsA from "../src/actions/index.js";
import * as engineA from "../src/engine/index.js";
import * as a from "../src/index.js";
import * as storeA from "../src/store/index.js";
import { json, scriptedServer } from "./http-server.js";

// A second copy of core, as an install holds when a connector pins another version: the sources
// copied to a temporary directory (so every module, every class, is loaded again), resolving their
// dependencies (zod, openapi-fetch) from the repository's node_modules like an installed package.
const core = fileURLToPath(new URL("..", import.meta.url));
let copy = "";
type Copy = {
  root: typeof a;
  http: typeof import("../src/http/index.js");
  engine: typeof engineA;
  store: typeof storeA;
  actions: typeof actionsA;
};
let b: Copy;

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), "hrflow-core-copy-"));
  cpSync(join(core, "src"), join(copy, "src"), { recursive: true });
  cpSync(join(core, "package.json"), join(copy, "package.json"));
  symlinkSync(join(core, "..", "..", "node_modules"), join(copy, "node_modules"), "dir");
  const load = (entry: string) => import(pathToFileURL(join(copy, "src", entry)).href);
  b = {
    root: await load("index.ts"),
    http: await load("http/index.ts"),
    engine: await load("engine/index.ts"),
    store: await load("store/index.ts"),
    actions: await load("actions/index.ts"),
  };
}, 60_000);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});
async function clientOfCopyB(script: Parameters<typeof scriptedServer>[0], maxBodyBytes?: number) {
  const s = await scriptedServer(script);
  closers.push(s.close);
  type Paths = {
    "/items": {
      get: { responses: { 200: { content: { "application/json": unknown } } } };
      post: { responses: { 201: { content: { "application/json": unknown } } } };
    };
  };
  return b.http.createHttpClient<Paths>({
    baseUrl: s.url,
    vendor: "Test",
    retry: { retries: 0, baseDelayMs: 1 },
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
  });
}

describe("errors thrown by a second copy of core", () => {
  it("is a real second copy: its classes are not this copy's", () => {
    expect(b.root.HttpError).not.toBe(a.HttpError);
    expect(
      new b.root.HttpError({ vendor: "V", status: 500, method: "GET", url: "u", body: "" }),
    ).not.toBeInstanceOf(a.HttpError);
  });

  it("classifies copy B's HttpError (a 404 answer): no retry, no lookup", async () => {
    const client = await clientOfCopyB([json(404, { message: "no such board" })]);
    const err: unknown = await client.GET("/items").catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(a.HttpError);
    expect(a.isHttpError(err)).toBe(true);
    expect(a.isHttpStatus(err, 404)).toBe(true);
    expect(a.isNetworkError(err)).toBe(false);
    expect(engineA.mayHaveLanded(err)).toBe(false);
    expect(engineA.isTransient(err)).toBe(false);
  });

  it("classifies copy B's OutcomeUnknownError (a 502 to a create): the write must be looked up", async () => {
    const client = await clientOfCopyB([json(502, { message: "gateway" })]);
    const err: unknown = await client.POST("/items").catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(a.OutcomeUnknownError);
    expect(a.isOutcomeUnknown(err)).toBe(true);
    expect(a.isNetworkError(err)).toBe(true);
    expect(a.isHttpError(err)).toBe(false);
    expect(engineA.mayHaveLanded(err)).toBe(true);
    // Copy A's writeEach marks the item so a replay looks before resending.
    const failures = await a.writeEach(["item"], () => client.POST("/items"));
    expect(failures).toEqual([{ item: "item", error: expect.stringContaining("502"), outcome: "unknown" }]);
  });

  it("classifies copy B's BodyTooLargeError: neither a network fault nor retried", async () => {
    const client = await clientOfCopyB([json(200, { items: "x".repeat(4096) })], 1024);
    const err: unknown = await client.GET("/items").catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(a.BodyTooLargeError);
    expect(a.isBodyTooLargeError(err)).toBe(true);
    expect(a.isNetworkError(err)).toBe(false);
    expect(engineA.isTransient(err)).toBe(false);
  });

  it("classifies copy B's OAuth, state, store and flow errors", () => {
    const oauth = new b.root.OAuthError("token refused", 401);
    expect(a.isOAuthError(oauth) && oauth.status).toBe(401);
    const store = (() => {
      try {
        b.store.storeFromEnv({ HRFLOW_CONNECTORS_STORE: "nope" });
      } catch (err) {
        return err;
      }
    })();
    expect(storeA.isStoreConfigError(store)).toBe(true);
    expect(storeA.isCorruptedStoreError(new b.store.CorruptedStoreError("/x.json", null))).toBe(true);
    expect(engineA.isStateShapeError(new b.engine.StateShapeError("bad state"))).toBe(true);
    expect(actionsA.isInvalidFlow(new b.actions.InvalidFlow("bad flow"))).toBe(true);
    // Brands do not bleed: each guard says no to the other kinds and to plain errors.
    expect(a.isHttpError(oauth)).toBe(false);
    expect(a.isOAuthError(new Error("token refused"))).toBe(false);
    expect(a.isOAuthError({ status: 401 })).toBe(false);
  });
});
