// End-to-end demo on loopback: a fake Workable with a few hundred jobs and candidates, a fake
// HrFlow.ai, and the Workable connector's public API (built dist) moving jobs between them with
// incremental runs checkpointed in the embedded file store. Run with `npm run demo`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, prettySink } from "@hrflow-connectors/core";
import { FileStore } from "@hrflow-connectors/core/store";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";

const JOBS = 200;
const CANDIDATES = 200;
// The fake compresses Workable's window (10 requests per 10 s) to 100 per second so the demo stays
// short; the client is told the same limit, as a real OAuth token's higher quota would be.
const WINDOW = { requests: 100, perMs: 1000 };
// HrFlow publishes no limit and the client keeps itself to 50 per second; the fake HrFlow has no
// limit at all, so the demo lets the client go faster.
const HRFLOW_LIMIT = { requests: 500, perMs: 1000 };

const line = (text = "") => console.log(text);
const title = (text) => line(`\n== ${text} ${"=".repeat(Math.max(0, 76 - text.length))}`);

// The Workable calls a run's summary counts, by what the fake's request log records.
const CALLS = { list: { route: "/jobs" }, detail: { route: "/jobs/{shortcode}" }, refused: { status: 429 } };

function snapshot(workable) {
  return Object.fromEntries(Object.entries(CALLS).map(([name, f]) => [name, workable.requests.count(f)]));
}

function summary(res, workable, before) {
  const now = snapshot(workable);
  const calls = (name) => now[name] - before[name];
  line(`  status=${res.status} reason=${res.reason} in ${(res.duration_ms / 1000).toFixed(1)} s`);
  line(
    `  read=${res.events.read_success} written=${res.written} read_failure=${res.events.read_failure} format_failure=${res.events.format_failure} write_failure=${res.events.write_failure} dead_letter=${res.dead_letter.count}`,
  );
  line(`  incremental_token=${res.incremental_token}`);
  line(
    `  Workable calls: ${calls("list")} list page(s), ${calls("detail")} job detail(s), ${calls("refused")} answered 429`,
  );
}

const dir = await mkdtemp(join(tmpdir(), "hrflow-connectors-demo-"));
const workable = await startFakeWorkable({ jobs: JOBS, candidates: CANDIDATES, rateLimit: WINDOW, seed: 7 });
const hrflow = await startFakeHrFlow();
let failed = false;
try {
  const board = hrflow.addBoard("demo-board", "Workable jobs");
  const store = new FileStore(join(dir, "state"));
  const runtime = (name) => ({
    store,
    deadLetter: join(dir, "dead-letter", `${name}.jsonl`),
    logger: createLogger({ level: "warn", sink: prettySink }),
    baseUrls: { workable: workable.baseUrl, hrflow: hrflow.baseUrl },
    http: { rateLimits: { workable: WINDOW, hrflow: HRFLOW_LIMIT } },
  });
  const options = (workflowId) => ({
    workflow_id: workflowId,
    connector_auth: workable.auth,
    hrflow_auth: hrflow.auth,
    pull_parameters: {},
    push_parameters: { board_key: board },
    incremental: true,
  });

  line(
    `Fake Workable ${workable.baseUrl}: ${workable.jobs.length} jobs, ${workable.candidates.length} candidates`,
  );
  line(`Fake HrFlow   ${hrflow.baseUrl}: board ${board}`);
  line(`State store   ${store.directory}`);

  title("1. create_jobs_in_hrflow (incremental)");
  let before = snapshot(workable);
  const created = await Workable.createJobsInHrflow(options("demo-create-jobs"), runtime("create"));
  summary(created, workable, before);

  title("2. update_jobs_in_hrflow (incremental, first run: reads everything)");
  before = snapshot(workable);
  const updated = await Workable.updateJobsInHrflow(options("demo-update-jobs"), runtime("update-1"));
  summary(updated, workable, before);

  title("3. update_jobs_in_hrflow again, nothing changed in Workable");
  before = snapshot(workable);
  const idle = await Workable.updateJobsInHrflow(options("demo-update-jobs"), runtime("update-2"));
  summary(idle, workable, before);

  title("4. a recruiter edits 3 jobs in Workable, update_jobs_in_hrflow again");
  const edited = [17, 101, 188].map((i) => {
    const job = workable.jobs[i];
    return workable.updateJob(job.shortcode, { title: `${job.title} (remote OK)`, state: "published" });
  });
  for (const job of edited) line(`  edited ${job.shortcode}: "${job.title}" updated_at=${job.updated_at}`);
  before = snapshot(workable);
  const changed = await Workable.updateJobsInHrflow(options("demo-update-jobs"), runtime("update-3"));
  summary(changed, workable, before);

  title("What the HrFlow board now holds");
  const jobs = hrflow.jobs(board);
  const live = jobs.filter((j) => !j.archived_at);
  line(`  ${jobs.length} jobs (${live.length} live)`);
  for (const job of edited) {
    const stored = jobs.find((j) => j.reference === job.shortcode);
    line(`  ${job.shortcode}: "${stored?.name}" (${stored?.location?.text ?? "no location"})`);
  }
  line("  a few others:");
  for (const j of live.slice(0, 4)) {
    const salary = j.ranges_float?.[0];
    const pay = salary ? `${salary.value_min}-${salary.value_max} ${salary.unit}` : "no salary";
    line(`  ${j.reference}: "${j.name}", ${j.location?.text}, ${pay}, ${j.sections?.length ?? 0} sections`);
  }

  const ok =
    created.written === JOBS &&
    updated.written === JOBS &&
    idle.events.read_success === 0 &&
    changed.events.read_success === edited.length &&
    edited.every((e) => jobs.find((j) => j.reference === e.shortcode)?.name === e.title);
  title(ok ? "Demo finished: only the edited jobs were read again" : "Demo finished with unexpected results");
  failed = !ok;
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await Promise.all([workable.close(), hrflow.close()]);
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
