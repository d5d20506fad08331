import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DEFAULT_MAX_BODY_BYTES } from "@hrflow-connectors/core/http";
import { hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHostileVendor } from "./hostile-server.js";

// Issue 18 item 6: whatever a vendor sends, memory stays bounded. A page larger than the body
// limit, plain or as a gzip bomb, is cut as it streams: the run ends fatal with a message naming
// the call and the limit, and a process reading a 1 GiB answer stays within a small multiple of
// the default limit.

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

let hrflow: FakeHrFlow;
beforeAll(async () => {
  hrflow = await startFakeHrFlow();
});
afterAll(() => hrflow.close());

/** Workable's create_jobs_in_hrflow options, Workable being whatever answers at `workable`. */
const jobsIntoHrflow = (board: string) => ({
  workflow_id: "hostile",
  connector_auth: { api_access_token: "token", subdomain: "acme" },
  hrflow_auth: hrflow.auth,
  pull_parameters: {},
  push_parameters: { board_key: board },
});

describe("a vendor answer larger than the body limit", () => {
  it.each([
    ["a plain page", "/big", /more than 1048576 bytes exceeds maxBodyBytes=1048576/],
    ["a gzip bomb", "/bomb", /more than 1048576 bytes once decoded \(gzip\) exceeds maxBodyBytes=1048576/],
  ])("%s ends the run fatal, naming the call and the limit", async (_what, path, cut) => {
    const vendor = await startHostileVendor(GiB);
    try {
      const board = hrflow.addBoard();
      const { options, deadLetter } = hermeticRuntime({
        baseUrls: { workable: `${vendor.url}${path}`, hrflow: hrflow.baseUrl },
        http: { maxBodyBytes: MiB },
      });
      const result = await Workable.createJobsInHrflow(jobsIntoHrflow(board), options);
      expect(result.status).toBe("fatal");
      expect(result.reason).toBe("read_failure");
      expect(result.message).toMatch(
        /^Reading from Workable failed after 0 item\(s\): BodyTooLargeError: workable GET http:/,
      );
      expect(result.message).toMatch(cut);
      expect(result.message).toContain("raise http.maxBodyBytes");
      // Cut at the limit: read once (not retried as a transient fault), far from the 1 GiB offered.
      // What the server produced past the limit sat in socket buffers (compressed, for the bomb).
      expect(vendor.produced()).toBeLessThan(256 * MiB);
      expect(hrflow.jobs(board)).toHaveLength(0);
      expect(deadLetter.entries).toHaveLength(0);
    } finally {
      await vendor.close();
    }
  });
});

/** Runs read-hostile.ts in its own process and returns what it printed. */
function readInChild(workable: string): Promise<{
  status: string;
  reason: string;
  message: string;
  baselineRss: number;
  peakRss: number;
}> {
  const script = fileURLToPath(new URL("./read-hostile.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@hrflow-connectors/source", script, workable, hrflow.baseUrl],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d));
  child.stderr.on("data", (d: Buffer) => (out += d));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`read-hostile exited with ${code}:\n${out}`));
      else resolve(JSON.parse(line));
    }),
  );
}

describe("peak memory of a process reading a 1 GiB answer with the default limit", () => {
  // Memory, not time: the bound is generous (3x the limit + 150 MB over the process's own start).
  const bound = 3 * DEFAULT_MAX_BODY_BYTES + 150 * 1e6;
  it.each([
    ["a 1 GiB page", "/big"],
    ["a 1 GiB gzip bomb", "/bomb"],
  ])(
    "%s stays within 3x the limit + 150 MB",
    async (what, path) => {
      const vendor = await startHostileVendor(GiB);
      try {
        const figures = await readInChild(`${vendor.url}${path}`);
        expect(figures.status).toBe("fatal");
        expect(figures.message).toContain(`maxBodyBytes=${DEFAULT_MAX_BODY_BYTES}`);
        const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
        console.info(
          `[operations] ${what}: peak RSS ${mb(figures.peakRss)} (baseline ${mb(figures.baselineRss)}, limit ${mb(DEFAULT_MAX_BODY_BYTES)}, produced ${mb(vendor.produced())})`,
        );
        expect(figures.peakRss).toBeLessThan(bound);
      } finally {
        await vendor.close();
      }
    },
    120_000,
  );
});
