import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeGreenhouse,
  greenhouseDelivery,
  startFakeGreenhouse,
} from "@hrflow-connectors/greenhouse/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, startCli } from "../../../cli/test/helpers.js";
import { until } from "./serve.js";

// `serve` picks the Greenhouse package's verifier (`Signature: sha256 <hex>`) and its event-id
// header (`Greenhouse-Event-ID`) up from the package alone: a retry runs once, a distinct event
// with an identical body runs again, a forged signature runs nothing.

const SECRET = "gh-whsec-0123456789";
let dir: string;
let greenhouse: FakeGreenhouse;
let hrflow: FakeHrFlow;
beforeAll(async () => {
  ensureBuilt(["core", "hrflow", "greenhouse", "cli"]);
  dir = mkdtempSync(join(tmpdir(), "ops-greenhouse-"));
  greenhouse = await startFakeGreenhouse({ jobs: 1, candidates: 3, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await greenhouse?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("serve with Greenhouse webhooks", () => {
  it("verifies the signature and de-duplicates by Greenhouse-Event-ID", { timeout: 60_000 }, async () => {
    const source = hrflow.addSource();
    const config = join(dir, "serve.json");
    writeFileSync(
      config,
      JSON.stringify({
        port: 0,
        concurrency: 1,
        actions: [
          {
            connector: "greenhouse",
            action: "update_profiles_in_hrflow",
            path: "/gh",
            webhook_secret: SECRET,
            workflow_id: "ops-greenhouse",
            connector_auth: greenhouse.auth,
            hrflow_auth: hrflow.auth,
            pull_parameters: {},
            push_parameters: { source_key: source },
            base_urls: { ...greenhouse.baseUrls, hrflow: hrflow.baseUrl },
          },
        ],
      }),
    );
    const cli = startCli(
      ["serve", "-c", config, "--spool-dir", join(dir, "spool"), "--state-dir", join(dir, "state")],
      {
        env: { HRFLOW_CONNECTORS_NODE_FLAGS: "" },
      },
    );
    try {
      const { data } = await cli.waitForLog((l) => l.message?.startsWith("Listening on"), "listening");
      const url = data.url as string;
      const post = async (d: { rawBody: string; headers: Record<string, string> }) => {
        const res = await fetch(`${url}/gh`, { method: "POST", body: d.rawBody, headers: d.headers });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const candidate = { candidate: { id: greenhouse.candidates[0]!.id } };
      const first = greenhouseDelivery(SECRET, "update_candidate", candidate, "evt-1");
      expect((await post(first)).status).toBe(202);
      // Greenhouse's retry of the same event: acknowledged, not run again.
      expect((await post(first)).json.duplicate).toBe(true);
      // Another event with the same body: a new delivery.
      const second = greenhouseDelivery(SECRET, "update_candidate", candidate, "evt-2");
      expect((await post(second)).json.duplicate).not.toBe(true);
      const forged = greenhouseDelivery("not-the-secret", "update_candidate", candidate, "evt-3");
      expect((await post({ ...forged, headers: { ...forged.headers } })).status).toBe(401);
      await until(async () => {
        const h = (await (await fetch(`${url}/health`)).json()) as Record<string, number>;
        return (h.succeeded ?? 0) + (h.failed ?? 0) >= 2;
      });
      const health = (await (await fetch(`${url}/health`)).json()) as Record<string, number>;
      expect(health).toMatchObject({ accepted: 2, duplicates: 1 });
    } finally {
      cli.child.kill("SIGKILL");
      await cli.exited;
    }
  });
});
