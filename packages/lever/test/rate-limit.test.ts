import { afterEach, describe, expect, it } from "vitest";
import { Lever } from "../src/index.js";
import { type Fakes, runtime, startFakes } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

// The fake enforces Lever's published token bucket: 10 requests per second, bursts to 20.
const bucket = { perSecond: 10, burst: 20 };

function run(f: Fakes, leverLimit?: { requests: number; perMs: number }) {
  const source = f.hrflow.addSource();
  const rt = runtime(f);
  const hrflow = { requests: 1000, perMs: 1000 };
  rt.http = {
    retry: { baseDelayMs: 100, retries: 6 },
    rateLimits: leverLimit ? { lever: leverLimit, hrflow } : { hrflow },
  };
  return Lever.pullProfileList(
    {
      workflow_id: "lever-rate",
      origin_parameters: { ...f.lever.credentials(), limit: 8 },
      target_parameters: { ...f.hrflow.auth, source_key: source, only_edit_fields: null },
    },
    rt,
  );
}

describe("Lever's published rate limit", () => {
  it("keeps a run inside Lever's bucket by default, so it is never throttled", async () => {
    fakes = await startFakes({ opportunities: 32, rateLimit: bucket });
    const res = await run(fakes);
    expect([res.status, res.written]).toEqual(["success", 32]);
    expect(fakes.lever.requests.count({ routePrefix: "/v1/" })).toBe(4 + 32);
    expect(fakes.lever.requests.count({ status: 429 })).toBe(0);
  });

  it("is what keeps it there: without it the same run is throttled (control)", async () => {
    fakes = await startFakes({ opportunities: 32, rateLimit: bucket });
    await run(fakes, { requests: 1000, perMs: 1000 });
    expect(fakes.lever.requests.count({ status: 429 })).toBeGreaterThan(0);
  });
});
