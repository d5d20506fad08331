import type { DeadLetterEntry } from "@hrflow-connectors/core";
import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { Workable } from "@hrflow-connectors/workable";
import { type FakeWorkable, startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { type Endpoint, type Scenario, single, tally, type World } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

const workableEndpoint = (w: FakeWorkable): Endpoint => ({
  key: "workable",
  baseUrl: w.baseUrl,
  origin: new URL(w.baseUrl).origin,
});

async function fakes(jobs: number, candidates: number, seed: number) {
  const workable = await startFakeWorkable({ jobs, candidates, seed, rateLimit: null });
  const hrflow = await startFakeHrFlow();
  return {
    workable,
    hrflow,
    endpoints: [workableEndpoint(workable), hrflowEndpoint(hrflow)],
    close: () => closeAll(workable, hrflow),
  };
}

const flow = (workflow: string, f: Awaited<ReturnType<typeof fakes>>, push: Record<string, unknown>) => ({
  workflow_id: workflow,
  connector_auth: f.workable.auth,
  hrflow_auth: f.hrflow.auth,
  pull_parameters: {},
  push_parameters: push,
});

const jobId = (e: DeadLetterEntry) => idFrom(e, "reference", "shortcode");
const candidateId = (e: DeadLetterEntry) => idFrom(e, "reference", "id");

/** Workable jobs into an HrFlow board: created, updated (renamed) or archived. */
function jobsInHrflow(mode: "create" | "update" | "archive"): Scenario {
  return {
    connector: "workable",
    action: `${mode}_jobs_in_hrflow`,
    n: 150,
    async start(n, seed): Promise<World> {
      const f = await fakes(n, 0, seed);
      const board = f.hrflow.addBoard();
      // Update and archive act on jobs the board already holds, under an old name.
      if (mode !== "create")
        for (const j of f.workable.jobs) f.hrflow.addJob(board, { reference: j.shortcode, name: "old" });
      const title = new Map(f.workable.jobs.map((j) => [j.shortcode, j.title]));
      const action =
        mode === "create"
          ? Workable.createJobsInHrflow
          : mode === "update"
            ? Workable.updateJobsInHrflow
            : Workable.archiveJobsInHrflow;
      return {
        endpoints: f.endpoints,
        ids: f.workable.jobs.map((j) => j.shortcode),
        ...single(action, flow(`jobs-${mode}`, f, { board_key: board })),
        held: () => {
          const jobs = f.hrflow.jobs(board);
          if (mode === "create") return liveJobs(f.hrflow, board);
          if (mode === "archive")
            return tally(jobs.filter((j) => j.archived_at).map((j) => String(j.reference)));
          // An update shows as the Workable title, on a board that still holds each job once.
          const counts = tally(jobs.map((j) => String(j.reference)));
          return tally(
            jobs
              .filter((j) => j.name === title.get(String(j.reference)))
              .map((j) => String(j.reference))
              .flatMap((r) => Array(counts.get(r) ?? 1).fill(r)),
          );
        },
        idOf: jobId,
        close: f.close,
      };
    },
  };
}

/** Workable candidates into an HrFlow source (with their resumes), created. */
const createProfilesInHrflow: Scenario = {
  connector: "workable",
  action: "create_profiles_in_hrflow",
  n: 150,
  async start(n, seed) {
    const f = await fakes(3, n, seed);
    const source = f.hrflow.addSource(undefined, { sync_parsing: true });
    return {
      endpoints: f.endpoints,
      ids: f.workable.candidates.map((c) => c.id),
      ...single(Workable.createProfilesInHrflow, flow("profiles-create", f, { source_key: source })),
      held: () => liveProfiles(f.hrflow, source),
      idOf: candidateId,
      close: f.close,
    };
  },
};

/** Workable candidates into an HrFlow source that already holds them: updated (renamed) or archived. */
function profilesInHrflow(mode: "update" | "archive"): Scenario {
  return {
    connector: "workable",
    action: `${mode}_profiles_in_hrflow`,
    n: 150,
    async start(n, seed) {
      const f = await fakes(3, n, seed);
      const source = f.hrflow.addSource(undefined, { sync_parsing: true });
      for (const c of f.workable.candidates)
        f.hrflow.addProfile(source, { reference: c.id, info: { full_name: "old" }, attachments: [] });
      const name = new Map(f.workable.candidates.map((c) => [c.id, c.name]));
      const action = mode === "update" ? Workable.updateProfilesInHrflow : Workable.archiveProfilesInHrflow;
      return {
        endpoints: f.endpoints,
        ids: f.workable.candidates.map((c) => c.id),
        ...single(action, flow(`profiles-${mode}`, f, { source_key: source })),
        held: () => {
          const profiles = f.hrflow.profiles(source);
          const shown =
            mode === "archive"
              ? profiles.filter((p) => p.archived_at)
              : profiles.filter(
                  (p) => (p.info as { full_name?: string })?.full_name === name.get(String(p.reference)),
                );
          // Each shown once per stored copy, so a second copy would count as a duplicate.
          const copies = tally(profiles.map((p) => String(p.reference)));
          return tally(
            shown.flatMap((p) => Array(copies.get(String(p.reference)) ?? 1).fill(String(p.reference))),
          );
        },
        idOf: candidateId,
        close: f.close,
      };
    },
  };
}

/** HrFlow profiles pushed to Workable as candidates on a job (one run per profile). */
function createProfilesInWorkable(style: "flow" | "legacy"): Scenario {
  return {
    connector: "workable",
    action: style === "flow" ? "create_profiles_in_workable" : "push_profile",
    n: 100,
    async start(n, seed) {
      const f = await fakes(1, 0, seed);
      const shortcode = f.workable.jobs[0]!.shortcode;
      const { source, keys, emails } = profilesToPush(f.hrflow, n);
      const calls =
        style === "flow"
          ? perProfile(keys, Workable.createProfilesInWorkable, (key) => ({
              workflow_id: "push-flow",
              connector_auth: f.workable.auth,
              hrflow_auth: f.hrflow.auth,
              pull_parameters: { source_key: source, profile_key: key },
              push_parameters: { job_shortcode: shortcode },
            }))
          : perProfile(keys, Workable.pushProfile, (key) => ({
              workflow_id: "push-legacy",
              origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: key },
              target_parameters: { auth: f.workable.token, subdomain: f.workable.subdomain, shortcode },
            }));
      return {
        endpoints: f.endpoints,
        ids: emails,
        ...calls,
        held: () =>
          tally(
            f.workable.created
              .filter((c) => c.shortcode === shortcode)
              .map((c) => String(c.body.candidate && (c.body.candidate as { email?: string }).email)),
          ),
        idOf: (e) => idFrom(e, "email", "candidate.email", "info.email"),
        close: f.close,
      };
    },
  };
}

/** HrFlow profiles whose reference is a Workable candidate id, pushed as updates (one run each). */
const updateProfilesInWorkable: Scenario = {
  connector: "workable",
  action: "update_profiles_in_workable",
  n: 100,
  async start(n, seed) {
    const f = await fakes(1, n, seed);
    const ids = f.workable.candidates.map((c) => c.id);
    const { source, keys } = profilesToPush(f.hrflow, n, (i) => ({ reference: ids[i] }));
    const summary = new Map(ids.map((id, i) => [id, `Engineer number ${i}`]));
    return {
      endpoints: f.endpoints,
      ids,
      ...perProfile(keys, Workable.updateProfilesInWorkable, (key) => ({
        workflow_id: "update-flow",
        connector_auth: f.workable.auth,
        hrflow_auth: f.hrflow.auth,
        pull_parameters: { source_key: source, profile_key: key },
        push_parameters: {},
      })),
      // An update is idempotent: it shows as the new summary, held once by construction.
      held: () =>
        tally(f.workable.candidates.filter((c) => c.summary === summary.get(c.id)).map((c) => c.id)),
      idOf: (e) => idFrom(e, "id", "reference"),
      close: f.close,
    };
  },
};

/** The older `pull_job_list`: published Workable jobs into a board (sync off: nothing else archived). */
const pullJobList: Scenario = {
  connector: "workable",
  action: "pull_job_list",
  n: 150,
  async start(n, seed) {
    const f = await fakes(n, 0, seed);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.workable.jobs.filter((j) => j.state === "published").map((j) => j.shortcode),
      ...single(Workable.pullJobList, {
        workflow_id: "legacy-jobs",
        origin_parameters: { auth: f.workable.token, subdomain: f.workable.subdomain },
        target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: jobId,
      close: f.close,
    };
  },
};

/** Every Workable action that moves items. */
export const workableScenarios: Scenario[] = [
  jobsInHrflow("create"),
  jobsInHrflow("update"),
  jobsInHrflow("archive"),
  createProfilesInHrflow,
  profilesInHrflow("update"),
  profilesInHrflow("archive"),
  createProfilesInWorkable("flow"),
  updateProfilesInWorkable,
  pullJobList,
  createProfilesInWorkable("legacy"),
];
