/**
 * A child process for hostile-answers.test.ts: runs Workable's create_jobs_in_hrflow against a
 * hostile "Workable" at argv[2] (its jobs listing is the hostile body) and an HrFlow at argv[3],
 * with the default body limit, then prints one JSON line: the run's status, reason and message,
 * the RSS after loading (baseline) and the peak RSS of the whole process.
 */
import { MemoryDeadLetter } from "@hrflow-connectors/core/engine";
import { MemoryStore } from "@hrflow-connectors/core/store";
import { Workable } from "@hrflow-connectors/workable";

const [workable, hrflow] = process.argv.slice(2);
const baselineRss = process.memoryUsage().rss;
const result = await Workable.createJobsInHrflow(
  {
    workflow_id: "hostile-answer",
    connector_auth: { api_access_token: "token", subdomain: "acme" },
    hrflow_auth: { api_secret: "secret", api_user: "ops@example.com" },
    pull_parameters: {},
    push_parameters: { board_key: "board" },
  },
  {
    store: new MemoryStore(),
    deadLetter: new MemoryDeadLetter(),
    baseUrls: { workable: workable!, hrflow: hrflow! },
    http: { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 10 } },
  },
);
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({ status: result.status, reason: result.reason, message: result.message, baselineRss, peakRss })}\n`,
);
