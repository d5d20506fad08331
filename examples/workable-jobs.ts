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

// An async function, not top-level await: the file then runs in a CommonJS project too (what
// `npm init -y` makes), with `npx tsx`.
async function main(): Promise<void> {
  // 1. Put every published job on the board. update_jobs_in_hrflow only edits jobs already on the
  //    board (it fails the items it cannot find), so the first sync is a create.
  const created = await Workable.createJobsInHrflow(
    { workflow_id: "workable-jobs-create", ...settings },
    runtime,
  );
  // `message` says why when nothing was written (e.g. a second run: "0 written: 4 already up to date").
  console.log(`create: ${created.status}, ${created.message ?? `${created.written} written`}`);

  // 2. From then on, keep them current: incremental runs read only the jobs updated since the last run
  //    (the token is kept in the state store, by workflow_id).
  const updated = await Workable.updateJobsInHrflow(
    { workflow_id: "workable-jobs-update", ...settings, incremental: true },
    runtime,
  );
  console.log(`update: ${updated.status}, ${updated.message ?? `${updated.written} written`}`);

  for (const result of [created, updated]) {
    if (result.dead_letter.count > 0)
      console.log(`${result.dead_letter.count} failed item(s) kept in ${result.dead_letter.location}`);
    if (result.status === "fatal") process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
