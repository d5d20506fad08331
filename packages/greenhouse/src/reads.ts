import type { ReadContext } from "@hrflow-connectors/core";
import { chunked, groupedBy } from "@hrflow-connectors/core/http";
import {
  type CandidatesQuery,
  GREENHOUSE_IDS_PER_CALL,
  type GreenhouseClient,
  type JobsQuery,
} from "./client.js";
import { dateFilter } from "./incremental.js";
import type {
  GreenhouseApplication,
  GreenhouseCandidate,
  GreenhouseCandidateRecord,
  GreenhouseDepartment,
  GreenhouseJob,
  GreenhouseOffice,
} from "./objects.js";
import type { GreenhouseAuth, JobsReadParameters, ProfilesReadParameters } from "./schemas.js";

const key = (id: unknown): string => String(id);

async function byId<T extends { id: unknown }>(list: AsyncIterable<T>): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for await (const item of list) map.set(key(item.id), item);
  return map;
}

/**
 * Jobs to the last page, each with its department and offices named (v3 gives their ids: both lists
 * are read once per run, not once per job). The archive flow reads closed jobs unless a status is
 * set (the original archived whatever the filters returned, open jobs included).
 */
export async function* readJobs(
  ctx: ReadContext<GreenhouseAuth, JobsReadParameters>,
  client: GreenhouseClient,
): AsyncGenerator<GreenhouseJob> {
  const {
    skip_count: _ignored,
    created_after,
    created_before,
    updated_after,
    updated_before,
    ...rest
  } = ctx.parameters;
  const dates = dateFilter({ created_after, created_before, updated_after, updated_before }, ctx);
  const query: JobsQuery = { ...dates.query };
  for (const [k, v] of Object.entries(rest))
    if (v !== null && v !== undefined) Object.assign(query, { [k]: v });
  if (ctx.mode === "archive" && !query.status) query.status = "closed";
  let departments: Map<string, GreenhouseDepartment> | null = null;
  let offices: Map<string, GreenhouseOffice> | null = null;
  for await (const job of client.jobs(query)) {
    if (!dates.keep(job)) continue;
    if (ctx.mode === "archive") {
      yield job;
      continue;
    }
    departments ??= await byId(client.departments());
    offices ??= await byId(client.offices());
    const department = job.department_id == null ? null : (departments.get(key(job.department_id)) ?? null);
    const named = (job.office_ids ?? []).map((id) => offices?.get(key(id))).filter((o) => o !== undefined);
    yield { ...job, department, offices: named };
  }
}

/** Candidate ids with an application to the job (prospects excluded), in the order Greenhouse lists them. */
async function applicantIds(client: GreenhouseClient, jobId: string): Promise<string[]> {
  const ids = new Set<string>();
  for await (const a of client.applications({ job_id: jobId })) {
    if (a.prospect !== true) ids.add(key(a.candidate_id));
  }
  return [...ids];
}

/** Candidates as listed: by id (explicit or a job's applicants) in slices of 50, else every match. */
async function* listed(
  client: GreenhouseClient,
  query: CandidatesQuery,
  ids: string[] | null,
): AsyncGenerator<GreenhouseCandidateRecord[]> {
  if (!ids) {
    yield* chunked(client.candidates(query), GREENHOUSE_IDS_PER_CALL);
    return;
  }
  for await (const slice of chunked(ids, GREENHOUSE_IDS_PER_CALL)) {
    const page: GreenhouseCandidateRecord[] = [];
    for await (const c of client.candidates({ ...query, ids: slice.join(",") })) page.push(c);
    yield page;
  }
}

/** Groups a joined list by candidate id. */
const grouped = <T extends { candidate_id: unknown }>(list: AsyncIterable<T>) =>
  groupedBy(list, (item) => item.candidate_id);

/** Whether a candidate counts as archived in Greenhouse: it applied, and every application is rejected. */
export function isArchived(applications: GreenhouseApplication[] | undefined): boolean {
  return !!applications && applications.length > 0 && applications.every((a) => a.status === "rejected");
}

/**
 * Candidates to the last page with their educations, employments and attachments joined from
 * v3's own lists, 50 candidates per call (where the original's v1 embedded them). The archive flow
 * joins applications instead and yields the candidates whose applications are all rejected, plus
 * asked-for ids Greenhouse no longer has (deleted: archived in HrFlow too).
 */
export async function* readCandidates(
  ctx: ReadContext<GreenhouseAuth, ProfilesReadParameters>,
  client: GreenhouseClient,
): AsyncGenerator<GreenhouseCandidate> {
  const p = ctx.parameters;
  const dates = dateFilter(p, ctx);
  const query: CandidatesQuery = { ...dates.query, ...(p.email ? { email: p.email } : {}) };
  let ids = p.candidate_ids ? p.candidate_ids.split(",").map((s) => s.trim()) : null;
  if (p.job_id) {
    const applicants = await applicantIds(client, p.job_id);
    ids = ids ? ids.filter((id) => applicants.includes(id)) : applicants;
  }
  for await (const page of listed(client, query, ids)) {
    const kept = page.filter((c) => dates.keep(c));
    const pageIds = kept.map((c) => key(c.id));
    if (pageIds.length === 0) continue;
    if (ctx.mode === "archive") {
      const applications = await grouped(client.applications({ candidate_ids: pageIds.join(",") }));
      for (const c of kept) if (isArchived(applications.get(key(c.id)))) yield c;
      continue;
    }
    const [educations, employments, attachments] = await Promise.all([
      grouped(client.educations(pageIds)),
      grouped(client.employments(pageIds)),
      grouped(client.attachments(pageIds)),
    ]);
    for (const c of kept) {
      const id = key(c.id);
      yield {
        ...c,
        educations: educations.get(id) ?? [],
        employments: employments.get(id) ?? [],
        attachments: attachments.get(id) ?? [],
      };
    }
  }
  // Not in incremental runs: a deleted candidate has no date to move the token to.
  if (ctx.mode === "archive" && p.candidate_ids && !p.job_id && !ctx.incremental) {
    yield* deleted(client, p.candidate_ids);
  }
}

/** Asked-for ids that no longer exist (a `delete_candidate` webhook names one). */
async function* deleted(client: GreenhouseClient, candidateIds: string): AsyncGenerator<GreenhouseCandidate> {
  const asked = candidateIds.split(",").map((s) => s.trim());
  const found = new Set<string>();
  // By ids alone: a candidate outside the date or email filters still exists.
  for await (const c of client.candidates({ ids: asked.join(",") })) found.add(key(c.id));
  for (const id of asked) if (!found.has(id)) yield { id: Number(id) };
}
