import type { RunResult } from "@hrflow-connectors/core";
import type { IdentityLocks } from "@hrflow-connectors/core/engine";
import { closeAll, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { liveProfiles } from "../../src/scenarios/common.js";

// Issue 18 item 3: writes of one identity are never concurrent within a process. Two runs of
// create_profiles_in_hrflow started together (two webhook deliveries handled by `serve`, two API
// calls) write the same candidates into one source. HrFlow's create is look-up-then-index: each
// index call is held 250 ms by the fake, so without the locks the second run's look-up lands
// while the first run's index is in flight, finds nothing, and indexes the candidate again.

const CANDIDATES = 6;
const FAST = { requests: 10_000, perMs: 1_000 };

let workable: FakeWorkable;
let hrflow: FakeHrFlow;
beforeEach(async () => {
  workable = await startFakeWorkable({ jobs: 1, candidates: CANDIDATES, seed: 18, rateLimit: null });
  hrflow = await startFakeHrFlow();
});
afterEach(() => closeAll(workable, hrflow));

/** Two runs of the action at once into one source; returns the results and the copies per candidate. */
async function twoRunsAtOnce(identityLocks?: IdentityLocks) {
  const source = hrflow.addSource(undefined, { sync_parsing: true });
  hrflow.fail({ method: "POST", delayMs: 250, times: 4 * CANDIDATES });
  const options = (workflow: string) => ({
    workflow_id: workflow,
    connector_auth: workable.auth,
    hrflow_auth: hrflow.auth,
    pull_parameters: {},
    push_parameters: { source_key: source },
  });
  const runtime = () =>
    hermeticRuntime({
      baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
      // The vendors' published limits would make the second run wait for the first one's window.
      http: { rateLimits: { workable: FAST, hrflow: FAST } },
      ...(identityLocks ? { identityLocks } : {}),
    }).options;
  const results: RunResult[] = await Promise.all([
    Workable.createProfilesInHrflow(options("webhook-delivery-1"), runtime()),
    Workable.createProfilesInHrflow(options("webhook-delivery-2"), runtime()),
  ]);
  return { results, copies: liveProfiles(hrflow, source) };
}

describe("two runs in one process writing the same candidates", () => {
  it("make exactly one profile per candidate (the action's own locks)", async () => {
    const { results, copies } = await twoRunsAtOnce();
    expect(results.map((r) => r.status)).toEqual(["success", "success"]);
    expect(copies.size).toBe(CANDIDATES);
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
  });

  it("duplicate without them: the race the locks close is real", async () => {
    const none: IdentityLocks = { acquire: async () => ({ release: async () => {} }) };
    const { copies } = await twoRunsAtOnce(none);
    const extra = [...copies.values()].reduce((sum, n) => sum + n - 1, 0);
    console.info(
      `[operations] two runs at once without identity locks: ${extra} duplicated of ${CANDIDATES}`,
    );
    expect(extra).toBeGreaterThan(0);
  });
});
