import { describe, expect, it } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { createLogger, formatTags, memorySink } from "../src/logging/logger.js";
import { Redactor } from "../src/logging/redact.js";
import { AUTH, HRFLOW_AUTH, jobOptions, type Lead, leadsConnector, runtime, World } from "./fixtures.js";

describe("logging", () => {
  it("tags every line like the original and never shows a secret", async () => {
    const world = new World().seed(5);
    world.readFailsAfter = 4;
    world.writeRejects = (l: Lead) => (l.id === 1 ? `bad key ${HRFLOW_AUTH.api_secret}` : null);
    const rt = runtime();
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(
      jobOptions({
        logics: [
          (l: Lead) => {
            if (l.id === 2) throw new Error(`leaked ${AUTH.api_key}`);
            return l;
          },
        ],
      }),
      rt,
    );
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    const lines = rt.sink.records.map((r) => JSON.stringify(r));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(line).not.toContain(AUTH.api_key);
      expect(line).not.toContain(HRFLOW_AUTH.api_secret);
    }
    const first = rt.sink.records[0]!;
    expect(Object.keys(first.tags)).toEqual([
      "workflow_id",
      "action_id",
      "connector",
      "origin",
      "target",
      "action_name",
      "started_at",
    ]);
    expect(first.tags.action_id).toMatch(/^[0-9a-f]{32}$/);
    expect(lines.some((l) => l.includes("Failed to apply logic function number=0"))).toBe(true);
  });

  it("masks secret-named fields and registered values in structured data", () => {
    const sink = memorySink();
    const redactor = new Redactor(["s3cr3t-value"]);
    const log = createLogger({ sink, redactor, tags: { connector: "X" } });
    log.info("calling with s3cr3t-value", {
      headers: { authorization: "Bearer abc" },
      nested: ["s3cr3t-value"],
    });
    expect(JSON.stringify(sink.records)).not.toContain("s3cr3t-value");
    expect(JSON.stringify(sink.records)).not.toContain("Bearer abc");
    expect(formatTags({ a: "1", b: "2" })).toBe("[a=1][b=2]");
  });

  it("drops lines below the configured level", () => {
    const sink = memorySink();
    const log = createLogger({ sink, level: "warn" });
    log.info("hidden");
    log.warn("shown");
    expect(sink.records.map((r) => r.message)).toEqual(["shown"]);
  });
});
