import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { FlowAction } from "../src/actions/index.js";
import { RateLimiter } from "../src/http/rate-limit.js";
import { HttpRuntime } from "../src/http/runtime.js";
import { bearer, defineConnector, defineVendor, defineWarehouse } from "../src/index.js";
import { fakeHrFlowWarehouse, jobOptions, leadsAisle, runtime, World } from "./fixtures.js";
import { json, scriptedServer } from "./http-server.js";

type Paths = {
  "/leads": {
    get: { responses: { 200: { content: { "application/json": { id: number; name: string }[] } } } };
  };
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const auth = z.object({ api_key: z.string().meta({ secret: true }), region: z.string().default("eu") });
const leads = defineVendor<Paths>()({
  key: "leads",
  name: "Leads",
  auth,
  baseUrl: () => "https://leads.invalid",
  credential: (a) => bearer(a.api_key),
  rateLimit: { requests: 100, perMs: 1000 },
});

/** A connector whose job read lists leads through the declared vendor. */
function connector(world: World) {
  const jobs = leadsAisle(world, "job", false, auth);
  return defineConnector({
    name: "Leads",
    subtype: "leads",
    description: "Test leads",
    url: "https://leads.test",
    type: "CRM",
    warehouse: defineWarehouse({
      name: "Leads",
      auth,
      aisles: [
        {
          ...jobs,
          read: {
            ...jobs.read!,
            read: async function* (ctx) {
              const { data } = await leads
                .client(ctx as typeof ctx & { auth: z.output<typeof auth> })
                .GET("/leads");
              yield* data ?? [];
            },
          },
        },
      ],
    }),
    hrflow: fakeHrFlowWarehouse(world),
    flows: [{ mode: "create", entity: "job", direction: "inbound" }],
  });
}

/** A limiter factory that counts the limiters it builds and the calls each one lets through. */
function countingRuntime() {
  const made: { key: string; takes: number }[] = [];
  const runtime = new HttpRuntime({
    limiterFactory: (key, requests, perMs) => {
      const record = { key, takes: 0 };
      made.push(record);
      return new (class extends RateLimiter {
        override take(signal?: AbortSignal) {
          record.takes++;
          return super.take(signal);
        }
      })(requests, perMs);
    },
  });
  return { runtime, made };
}

describe("HttpRuntime", () => {
  it("is shared by runs given the same one, and keeps independent runtimes apart", async () => {
    const s = await scriptedServer([json(200, [{ id: 1, name: "a" }])]);
    closers.push(s.close);
    const world = new World();
    const action = connector(world).actions.create_jobs_in_hrflow as FlowAction;
    const run = (httpRuntime: HttpRuntime) =>
      action.run(jobOptions(), runtime({ baseUrls: { leads: s.url }, httpRuntime }));

    const shared = countingRuntime();
    const results = await Promise.all([run(shared.runtime), run(shared.runtime)]);
    expect(results.map((r) => r.status)).toEqual(["success", "success"]);
    // One limiter for the credential, through which both runs' calls went.
    expect(shared.made).toEqual([{ key: expect.stringMatching(/^leads\|/), takes: 2 }]);

    const [a, b] = [countingRuntime(), countingRuntime()];
    await Promise.all([run(a.runtime), run(b.runtime)]);
    expect(a.made.map((m) => m.takes)).toEqual([1]);
    expect(b.made.map((m) => m.takes)).toEqual([1]);
    expect(s.hits).toHaveLength(4);
  });

  it("gives each run a runtime of its own when none is passed", async () => {
    const s = await scriptedServer([json(200, [{ id: 1, name: "a" }])]);
    closers.push(s.close);
    const world = new World();
    const action = connector(world).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(jobOptions(), runtime({ baseUrls: { leads: s.url } }));
    expect(res.status).toBe("success");
    expect(world.written).toHaveLength(1);
  });
});
