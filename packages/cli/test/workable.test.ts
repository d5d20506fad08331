import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, ensureBuilt, logLines, runCli, startCli } from "./helpers.js";

// End to end: the built binary, the real Workable connector and both fake vendor servers.
let dir: string;
let workable: FakeWorkable;
let hrflow: FakeHrFlow;
const ref = (name: string) => `\${${name}}`;
const WEBHOOK_SECRET = "whsec-cli-test-0123456789";
const env = () => ({
  WORKABLE_API_ACCESS_TOKEN: workable.token,
  HRFLOW_API_SECRET: hrflow.apiKey,
  WORKABLE_WEBHOOK_SECRET: WEBHOOK_SECRET,
});
const cli = (args: string[]) => runCli(args, { cwd: dir, env: env() });
/** `run <connector> create_jobs_in_hrflow -c <file> ...flags`; each test spells the connector its own way. */
const runJobs = (connector: string, file: string, ...flags: string[]) =>
  cli(["run", connector, "create_jobs_in_hrflow", "-c", file, ...flags]);
/** The references of the jobs on an HrFlow board, sorted. */
const boardRefs = (board: string) =>
  hrflow
    .jobs(board)
    .map((j) => String(j.reference))
    .sort();
/** Requests that change something on the HrFlow side. */
const hrflowWrites = () => hrflow.requests.writes;
const allRequests = () => hrflow.requests.count() + workable.requests.count();

/** A flow-style config file pointing both clients at the fakes. */
function config(name: string, push: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        workflow_id: name,
        connector_auth: { api_access_token: ref("WORKABLE_API_ACCESS_TOKEN"), subdomain: workable.subdomain },
        hrflow_auth: { api_secret: ref("HRFLOW_API_SECRET"), api_user: hrflow.userEmail },
        pull_parameters: {},
        push_parameters: push,
        base_urls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
        // The fake serves as fast as asked; the published 10 requests per 10 s would only slow tests.
        http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } },
        ...extra,
      },
      null,
      2,
    ),
  );
  return file;
}

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), "hrflow-cli-e2e-"));
  workable = await startFakeWorkable({ jobs: 6, candidates: 3, rateLimit: null });
  hrflow = await startFakeHrFlow();
}, BUILD_TIMEOUT);
afterAll(async () => {
  await workable?.close();
  await hrflow?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("run against the fake Workable and HrFlow", () => {
  it("syncs every job, prints a summary and exits 0", async () => {
    const board = hrflow.addBoard();
    const res = await cli([
      "run",
      "workable",
      "create_jobs_in_hrflow",
      "--config",
      config("full", { board_key: board }),
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("Workable create_jobs_in_hrflow: success");
    expect(res.stdout).toMatch(/read 6, written 6, failed 0/);
    expect(hrflow.jobs(board)).toHaveLength(6);
    expect(boardRefs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
    expect(res.stderr).not.toContain(workable.token);
    expect(res.stderr).not.toContain(hrflow.apiKey);
  });

  it("--dry-run reads Workable and makes no write request to HrFlow", async () => {
    const board = hrflow.addBoard();
    const before = hrflowWrites();
    const readsBefore = workable.requests.count();
    const res = await runJobs("Workable", config("dry", { board_key: board }), "--dry-run", "--json");
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ status: "success", persist: false, written: 0 });
    expect(workable.requests.count()).toBeGreaterThan(readsBefore);
    expect(hrflowWrites() - before).toBe(0);
    expect(hrflow.jobs(board)).toHaveLength(0);
  });

  it("refuses a bad config with exit 2, naming the field, before any request", async () => {
    const before = allRequests();
    const file = config("bad", { board_key: "b" }, { pull_parameters: { state: "opened" } });
    const res = await runJobs("@hrflow-connectors/workable", file, "--json");
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("pull_parameters.state");
    expect(JSON.parse(res.stdout).issues.map((i: { path: string }) => i.path)).toEqual([
      "pull_parameters.state",
    ]);
    expect(allRequests()).toBe(before);
  });

  it("replays the items HrFlow refused, once it accepts them", async () => {
    const board = hrflow.addBoard();
    const deadLetter = join(dir, "failed.jsonl");
    hrflow.fail({ method: "POST", route: "/job/indexing", status: 400, times: 2 });
    const file = config("replay", { board_key: board });
    const res = await runJobs("workable", file, "--dead-letter", deadLetter);
    expect(res.code, res.stderr).toBe(1);
    expect(hrflow.jobs(board)).toHaveLength(4);
    const entries = readFileSync(deadLetter, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.connector, e.action_name, e.stage])).toEqual([
      ["Workable", "create_jobs_in_hrflow", "write"],
      ["Workable", "create_jobs_in_hrflow", "write"],
    ]);

    const replay = await cli(["replay", deadLetter, "--config", file, "--json"]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ replayed: 2, written: 2, still_failing: 0 });
    expect(hrflow.jobs(board)).toHaveLength(6);
    // The replay sent exactly the two refused jobs: every job is there once.
    expect(boardRefs(board)).toEqual(workable.jobs.map((j) => j.shortcode).sort());
  });
});

describe("serve", () => {
  it("runs a signed Workable webhook, refuses unsigned ones with 401, and stops cleanly on SIGTERM", async () => {
    const source = hrflow.addSource(undefined, { sync_parsing: true });
    const candidate = workable.candidates[0]!;
    const serveConfig = join(dir, "serve.yaml");
    const action = JSON.parse(readFileSync(config("serve", { source_key: source }), "utf8"));
    writeFileSync(
      serveConfig,
      JSON.stringify({
        port: 0,
        concurrency: 1,
        max_body_bytes: 4096,
        actions: [
          {
            connector: "workable",
            action: "create_profiles_in_hrflow",
            webhook_secret: ref("WORKABLE_WEBHOOK_SECRET"),
            ...action,
          },
        ],
      }),
    );
    const server = startCli(
      [
        "serve",
        "--config",
        serveConfig,
        "--state-dir",
        join(dir, "state"),
        "--spool-dir",
        join(dir, "spool-a"),
      ],
      {
        cwd: dir,
        env: env(),
      },
    );
    try {
      const { data } = await server.waitForLog((l) => l.message?.startsWith("Listening on"), "listening");
      const url = `${data.url}/workable/create_profiles_in_hrflow`;
      expect((await fetch(`${data.url}/health`)).status).toBe(200);
      expect((await fetch(`${data.url}/workable/nope`, { method: "POST" })).status).toBe(404);
      // An oversized body gets its 413 and a closed connection: the next request is served, not reset.
      // (It carries a signature header: a request without one is refused before its size matters.)
      const tooBig = await fetch(url, {
        method: "POST",
        body: "x".repeat(20_000),
        headers: { "x-workable-signature": "00" },
      });
      expect([tooBig.status, tooBig.headers.get("connection")]).toEqual([413, "close"]);
      expect((await fetch(`${data.url}/health`)).status).toBe(200);

      const body = JSON.stringify({
        event_type: "candidate_created",
        data: { id: candidate.id, email: candidate.email, job: candidate.job },
      });
      const before = allRequests();
      const unsigned = await fetch(url, { method: "POST", body });
      expect(unsigned.status).toBe(401);
      const forged = await fetch(url, {
        method: "POST",
        body,
        headers: { "x-workable-signature": createHmac("sha256", "wrong").update(body).digest("hex") },
      });
      expect(forged.status).toBe(401);
      expect(allRequests()).toBe(before);

      const signature = createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex");
      const accepted = await fetch(url, {
        method: "POST",
        body,
        headers: { "x-workable-signature": signature },
      });
      expect(accepted.status).toBe(202);
      // Stopping right away: the accepted run still finishes before the process exits 0.
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const finished = logLines(server.stderr()).filter((l) => l.message === "Webhook run finished");
      expect(finished.map((l) => l.data.status)).toEqual(["success"]);
      expect(hrflow.profiles(source)).toHaveLength(1);
      expect(hrflow.profiles(source).map((p) => p.reference)).toEqual([candidate.id]);
    } finally {
      server.child.kill("SIGKILL");
    }
  });

  it("refuses to start when Workable's signature check has no secret", async () => {
    const file = join(dir, "serve-nosecret.json");
    const action = JSON.parse(readFileSync(config("serve2", { source_key: "s" }), "utf8"));
    writeFileSync(
      file,
      JSON.stringify({
        port: 0,
        actions: [{ connector: "workable", action: "create_profiles_in_hrflow", ...action }],
      }),
    );
    const res = await cli(["serve", "--config", file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("actions.0.webhook_secret");
    expect(res.stderr).toContain("verifyWorkableSignature");
  });

  it("serves an older-style catch action: HrFlow's event names the profile, the config's secret signs it", async () => {
    const source = hrflow.addSource();
    const profile = hrflow.addProfile(source, {
      info: { full_name: "Ada Lovelace", email: "ada@example.com", summary: "Engineer" },
    });
    const shortcode = workable.jobs[0]!.shortcode;
    const file = join(dir, "serve-legacy.yaml");
    writeFileSync(
      file,
      [
        "port: 0",
        `base_urls: { workable: "${workable.baseUrl}", hrflow: "${hrflow.baseUrl}" }`,
        "actions:",
        "  - connector: Workable",
        "    action: push_profile",
        "    path: /hooks/hrflow-profile",
        `    webhook_secret: "${ref("WORKABLE_WEBHOOK_SECRET")}"`,
        "    workflow_id: push-profile",
        "    http: { retries: 0, rate_limits: { workable: { requests: 1000, per_ms: 1000 } } }",
        "    origin_parameters:",
        `      api_secret: "${ref("HRFLOW_API_SECRET")}"`,
        `      api_user: ${hrflow.userEmail}`,
        `      source_key: ${source}`,
        "      profile_key: set-by-the-event",
        "    target_parameters:",
        `      auth: "${ref("WORKABLE_API_ACCESS_TOKEN")}"`,
        `      subdomain: ${workable.subdomain}`,
        `      shortcode: ${shortcode}`,
      ].join("\n"),
    );
    const server = startCli(
      ["serve", "-c", file, "--state-dir", join(dir, "state"), "--spool-dir", join(dir, "spool-b")],
      {
        cwd: dir,
        env: env(),
      },
    );
    try {
      const { data } = await server.waitForLog((l) => l.message?.startsWith("Listening on"), "listening");
      const body = JSON.stringify({
        profile_key: profile.key,
        source_key: source,
        type: "profile.parsing.success",
      });
      const url = `${data.url}/hooks/hrflow-profile`;
      expect((await fetch(url, { method: "POST", body })).status).toBe(401);
      const signature = createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex");
      const res = await fetch(url, { method: "POST", body, headers: { "x-signature": signature } });
      expect(res.status, server.stderr()).toBe(202);
      const done = await server.waitForLog((l) => l.message === "Webhook run finished", "the run");
      expect(done.data).toMatchObject({ status: "success", written: 1 });
      expect(workable.created.map((c) => c.body)).toContainEqual(
        expect.objectContaining({ candidate: expect.objectContaining({ email: "ada@example.com" }) }),
      );
      server.child.kill("SIGINT");
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});
