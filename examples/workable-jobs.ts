import { Workable } from "@hrflow-connectors/workable";

// Secrets come from the environment. To try this on your machine first, `npx @hrflow-connectors/cli fakes`
// starts a fake Workable and a fake HrFlow.ai on 127.0.0.1 and prints a value for every variable below.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name}`);
  return value;
};
const settings = {
  connector_auth: { api_access_token: env("WORKABLE_TOKEN"), subdomain: env("WORKABLE_SUBDOMAIN") },
  hrflow_auth: { api_secret: env("HRFLOW_API_SECRET"), api_user: env("HRFLOW_API_USER") },
  pull_parameters: { state: "published" as const },
  push_parameters: { board_key: env("HRFLOW_BOARD_KEY") },
};

// The second argument says how to run, not what to move: base URLs (unset: the real APIs), state
// store, dead-letter file, logger, batch size, HTTP policy...
const runtime = {
  baseUrls: {
    ...(process.env.WORKABLE_BASE_URL ? { workable: process.env.WORKABLE_BASE_URL } : {}),
    ...(process.env.HRFLOW_BASE_URL ? { hrflow: process.env.HRFLOW_BASE_URL } : {}),
  },
};

// 1. Put every published job on the board. update_jobs_in_hrflow only edits jobs already on the
//    board (it fails the items it cannot find), so the first sync is a create.
const created = await Workable.createJobsInHrflow(
  { workflow_id: "workable-jobs-create", ...settings },
  runtime,
);
console.log(`create: ${created.status}, ${created.written} written`, created.message ?? "");

// 2. From then on, keep them current: incremental runs read only the jobs updated since the last run
//    (the token is kept in the state store, by workflow_id).
const updated = await Workable.updateJobsInHrflow(
  { workflow_id: "workable-jobs-update", ...settings, incremental: true },
  runtime,
);
console.log(`update: ${updated.status}, ${updated.written} written`, updated.message ?? "");

for (const result of [created, updated]) {
  if (result.dead_letter.count > 0)
    console.log(`${result.dead_letter.count} failed item(s) kept in ${result.dead_letter.location}`);
  if (result.status === "fatal") process.exitCode = 2;
}
