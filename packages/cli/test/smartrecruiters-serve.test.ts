import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import {
  type FakeSmartRecruiters,
  signedDelivery,
  startFakeSmartRecruiters,
} from "@hrflow-connectors/smartrecruiters/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, logLines, startCli } from "./helpers.js";

// A vendor that signs headers as well as the body, checks subscriptions with a handshake, and
// names each event in a header: `serve` takes all three from the connector package's exports.
let dir: string;
let sr: FakeSmartRecruiters;
let hrflow: FakeHrFlow;
const SECRET = "sr-serve-secret-0123456789";
/** A `${NAME}` reference the CLI resolves from its environment. */
const ref = (name: string) => `\${${name}}`;
/** The body of an intake answer. */
const answer = async (res: Response) => (await res.json()) as { duplicate?: boolean };

beforeAll(async () => {
  ensureBuilt(["core", "hrflow", "smartrecruiters", "cli"]);
  dir = mkdtempSync(join(tmpdir(), "cli-sr-"));
  sr = await startFakeSmartRecruiters({ candidates: 3, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);

afterAll(async () => {
  await Promise.all([sr?.close(), hrflow?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("serve with SmartRecruiters", () => {
  it("answers the X-Hook-Secret handshake, checks header-signed events, de-duplicates by event-id", {
    timeout: 60_000,
  }, async () => {
    const source = hrflow.addSource();
    const file = join(dir, "serve.json");
    writeFileSync(
      file,
      JSON.stringify({
        port: 0,
        concurrency: 1,
        actions: [
          {
            connector: "smartrecruiters",
            action: "update_profiles_in_hrflow",
            webhook_secret: ref("SR_WEBHOOK_SECRET"),
            workflow_id: "sr-serve",
            connector_auth: { x_smart_token: ref("SR_TOKEN") },
            hrflow_auth: { api_secret: ref("HRFLOW_API_SECRET"), api_user: hrflow.userEmail },
            pull_parameters: {},
            push_parameters: { source_key: source },
            base_urls: { smartrecruiters: sr.baseUrl, hrflow: hrflow.baseUrl },
          },
        ],
      }),
    );
    const candidate = sr.candidates[1]!;
    hrflow.addProfile(source, { reference: candidate.id, info: { full_name: "old" }, attachments: [] });
    const server = startCli(
      ["serve", "--config", file, "--state-dir", join(dir, "state"), "--spool-dir", join(dir, "spool")],
      {
        cwd: dir,
        env: { SR_TOKEN: sr.token, SR_WEBHOOK_SECRET: SECRET, HRFLOW_API_SECRET: hrflow.apiKey },
      },
    );
    try {
      const { data } = await server.waitForLog((l) => l.message?.startsWith("Listening on"), "listening");
      const url = `${data.url}/smartrecruiters/update_profiles_in_hrflow`;
      // The subscription check carries no signature: answered with its secret, no run.
      const check = await fetch(url, { method: "POST", headers: { "X-Hook-Secret": "hook-abc" } });
      expect([check.status, check.headers.get("x-hook-secret")]).toEqual([200, "hook-abc"]);

      const body = JSON.stringify({ candidateId: candidate.id });
      const headers = signedDelivery(body, SECRET, { eventName: "candidate.updated", eventId: "evt-1" });
      const forged = await fetch(url, {
        method: "POST",
        body,
        headers: { ...headers, "event-name": "candidate.deleted" },
      });
      expect(forged.status).toBe(401);
      expect((await fetch(url, { method: "POST", body, headers })).status).toBe(202);
      // The same event again (a retry) is acknowledged without a second run...
      const again = await fetch(url, { method: "POST", body, headers });
      expect([again.status, (await answer(again)).duplicate]).toEqual([202, true]);
      // ...while a new event with the same body (the candidate changed again) runs.
      const next = signedDelivery(body, SECRET, { eventName: "candidate.updated", eventId: "evt-2" });
      const second = await fetch(url, { method: "POST", body, headers: next });
      expect([second.status, (await answer(second)).duplicate]).toEqual([202, undefined]);

      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const finished = logLines(server.stderr()).filter((l) => l.message === "Webhook run finished");
      expect(finished.map((l) => l.data.status)).toEqual(["success", "success"]);
      const stored = hrflow.profiles(source).find((p) => p.reference === candidate.id)!;
      expect((stored.info as { email?: string }).email).toBe(candidate.email);
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});
