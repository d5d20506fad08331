import { randomBytes } from "node:crypto";
import { MemoryStore } from "@hrflow-connectors/core/store";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Lever } from "../src/index.js";
import { type Fakes, runtime, startFakes } from "./harness.js";

let fakes: Fakes;
afterEach(() => {
  vi.unstubAllEnvs();
  return fakes?.close();
});

const jobOptions = (f: Fakes, board: string, credentials: ReturnType<Fakes["lever"]["credentials"]>) => ({
  workflow_id: "lever-faults",
  origin_parameters: credentials,
  target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
});
const grants = (f: Fakes) => f.lever.requests.filter({ route: "/auth/oauth/token" }).map((r) => r.status);

describe("Lever credentials under faults", () => {
  it("never resends a code whose exchange lost its answer, and asks to re-authorize the workflow", async () => {
    fakes = await startFakes({ postings: 3 });
    const board = fakes.hrflow.addBoard();
    const credentials = fakes.lever.credentials();
    const store = new MemoryStore();
    // The server exchanges the code (spending it) after the client gave up waiting.
    fakes.lever.fail({ route: "/auth/oauth/token", delayMs: 5_000 });
    const rt = runtime(fakes, { store, http: { ...runtime(fakes).http, timeoutMs: 1_000 } });
    const first = await Lever.pullJobList(jobOptions(fakes, board, credentials), rt);
    expect([first.status, first.reason]).toEqual(["fatal", "read_failure"]);
    expect(first.message).toMatch(
      /re-authorize the app in Lever and set a new authorization_code for workflow lever-faults/,
    );
    expect(first.message).toContain("timed out after 1000 ms");
    expect(first.message).not.toContain(credentials.authorization_code);
    // On a busy machine the request may reach the server after the client gave up.
    await expect.poll(() => fakes.lever.requests.count({ route: "/auth/oauth/token" })).toBe(1);

    // A new process with the same state store does not send the code again.
    fakes.newProcess();
    const second = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes, { store }));
    expect(second.message).toMatch(/an earlier run sent it and never got the answer/);
    expect(fakes.lever.requests.count({ route: "/auth/oauth/token" })).toBe(1);
    expect(fakes.lever.requests.count({ routePrefix: "/v1/" })).toBe(0);
    expect(JSON.stringify(await store.load("lever-faults"))).not.toContain(credentials.authorization_code);
  });

  it("lets the refresh token take over in a new process once the code yielded tokens", async () => {
    // The refresh token reaches the store only sealed with this key.
    vi.stubEnv("HRFLOW_CONNECTORS_STORE_KEY", randomBytes(32).toString("base64"));
    fakes = await startFakes({ postings: 3 });
    const board = fakes.hrflow.addBoard();
    const credentials = fakes.lever.credentials();
    const store = new MemoryStore();
    const first = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes, { store }));
    expect(first.status).toBe("success");
    fakes.newProcess();
    // The refresh of the new process meets a 503 first: it is resent, like a read.
    fakes.lever.fail({ route: "/auth/oauth/token", status: 503 });
    const second = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes, { store }));
    expect(second.status).toBe("success");
    // Had the spent code been sent again, Lever would have refused it (403) and the run failed.
    expect(grants(fakes)).toEqual([200, 503, 200]);
    // A third process uses the rotated refresh token, still not the code.
    fakes.newProcess();
    const third = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes, { store }));
    expect(third.status).toBe("success");
    expect(grants(fakes)).toEqual([200, 503, 200, 200]);
    // At rest the store holds ciphertext only.
    const saved = await oauthEntries(store);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ $sealed: "aes-256-gcm" });
    expect(JSON.stringify(saved[0])).not.toContain("refresh_token");
  });

  it("keeps no refresh token in the store without an encryption key", async () => {
    vi.stubEnv("HRFLOW_CONNECTORS_STORE_KEY", "");
    fakes = await startFakes({ postings: 2 });
    const board = fakes.hrflow.addBoard();
    const credentials = fakes.lever.credentials();
    const store = new MemoryStore();
    const run = await Lever.pullJobList(jobOptions(fakes, board, credentials), runtime(fakes, { store }));
    expect(run.status).toBe("success");
    // The code's fingerprint and outcome are kept (a spent code is never resent), the token is not.
    expect(await oauthEntries(store)).toEqual([
      { code: expect.any(String), outcome: "tokens", refresh_token: null },
    ]);
  });
});

/** The values the Lever OAuth handle saved in a memory store. */
async function oauthEntries(store: MemoryStore): Promise<unknown[]> {
  const keys = store.keys().filter((k) => k.startsWith("lever-oauth:"));
  return Promise.all(keys.map((k) => store.load(k)));
}
