import {
  ConfigError,
  checkActionConfig,
  connectorResolver,
  type LoadedConnector,
  readConfigFile,
  resolveAction,
  zodIssues,
} from "@hrflow-connectors/cli";
import type { Queue } from "bullmq";
import { z } from "zod";
import { localJobConfig, type RunJob, runQueueName } from "./jobs.js";
import { type RunQueues, samePull } from "./producer.js";

/** Prefix of the job schedulers this package manages (others in the same queues are left alone). */
export const SCHEDULER_PREFIX = "schedule:";

/** One schedule: a `run` config (workflow_id, connector_auth, ...) plus when to pull. */
export const scheduleSchema = z
  .object({
    id: z.string().min(1).optional().describe("Schedule id (default: the workflow_id)"),
    connector: z.string().min(1).describe("Connector, e.g. workable"),
    action: z.string().min(1).describe("A pull action, e.g. update_jobs_in_hrflow"),
    workflow_id: z.string().min(1).describe("The workflow: key of its state and lock"),
    cron: z.string().min(1).optional().describe("Cron pattern, e.g. '*/15 * * * *'"),
    every: z.number().int().positive().optional().describe("Interval in milliseconds"),
    tz: z.string().optional().describe("Time zone of the cron pattern"),
  })
  .passthrough()
  .refine((s) => (s.cron === undefined) !== (s.every === undefined), {
    message: "give exactly one of cron or every",
    path: ["cron"],
  });

/** A schedules file: `{ "schedules": [ ... ] }` (YAML or JSON). */
export const schedulesFileSchema = z.object({ schedules: z.array(scheduleSchema) }).strict();
export type Schedule = z.output<typeof scheduleSchema>;

/** A schedule as kept in BullMQ. */
export interface ScheduleInfo {
  id: string;
  queue: string;
  workflow_id: string | undefined;
  action: string | undefined;
  cron: string | undefined;
  every: number | undefined;
  next: string | null;
  /** What `apply` did to runs already queued or running with a previous config of this schedule. */
  notes?: string[];
}

/**
 * Reads and checks a schedules file: every entry names an installed pull action, its config has
 * only known keys and no inline secret. Secrets stay as references (workers resolve them); every
 * other `${VAR}` is resolved here, from this process's environment.
 */
export async function loadSchedules(
  file: string,
  resolve: (name: string) => Promise<LoadedConnector> = connectorResolver(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<Schedule[]> {
  const parsed = schedulesFileSchema.safeParse(await readConfigFile(file));
  if (!parsed.success) throw new ConfigError(`Invalid schedules file ${file}`, zodIssues(parsed.error));
  const out: Schedule[] = [];
  for (const [i, s] of parsed.data.schedules.entries()) {
    const action = resolveAction(await resolve(s.connector), s.action);
    if (!action.triggers.includes("pull")) {
      throw new ConfigError(`Invalid schedules file ${file}`, [
        {
          path: `schedules.${i}.action`,
          message: `${action.name} runs on webhooks, not on a schedule`,
          code: "custom",
        },
      ]);
    }
    const { issues } = checkActionConfig(action, configOf(s), ["schedules", String(i)]);
    if (issues.length > 0) throw new ConfigError(`Invalid schedules file ${file}`, issues);
    const config = localJobConfig(action, configOf(s), env, ["schedules", String(i)]);
    const { id, connector, action: name, cron, every, tz } = s;
    out.push({ id, connector, action: name, cron, every, tz, ...config } as Schedule);
  }
  return out;
}

/** The run config part of a schedule entry. */
function configOf(s: Schedule): Record<string, unknown> {
  const { id: _id, connector: _c, action: _a, cron: _cron, every: _every, tz: _tz, ...config } = s;
  return config;
}

/**
 * What applying `data` to scheduler `key` does to runs of a previous config: BullMQ replaces the
 * scheduler's next waiting run; a running one, or a pull queued by `enqueue`, keeps its config.
 */
async function changeNotes(queue: Queue<RunJob>, key: string, data: RunJob): Promise<string[]> {
  const notes: string[] = [];
  const before = await queue.getJobScheduler(key);
  const previous = before?.template?.data as RunJob | undefined;
  if (previous && !samePull(previous, data) && before?.next) {
    const next = await queue.getJob(`repeat:${key}:${before.next}`);
    if (next && ["delayed", "waiting", "prioritized"].includes(await next.getState())) {
      notes.push(
        `the queued run of the previous config (job ${next.id}) is replaced by one with the new config`,
      );
    }
  }
  for (const job of await queue.getActive()) {
    if (job.data.workflow_id === data.workflow_id && !samePull(job.data, data)) {
      notes.push(`job ${job.id} is running with another config; the new one applies from the next run`);
    }
  }
  const queued = await queue.getDeduplicationJobId(`pull:${data.workflow_id}`);
  const pull = queued ? await queue.getJob(queued) : undefined;
  if (pull && !samePull(pull.data, data) && (await pull.getState()) !== "active") {
    notes.push(`a pull queued by enqueue (job ${pull.id}) has another config and runs as queued`);
  }
  return notes;
}

/** Creates or updates each schedule's BullMQ job scheduler; `notes` say what happened to older runs. */
export async function applySchedules(queues: RunQueues, schedules: Schedule[]): Promise<ScheduleInfo[]> {
  const notes = new Map<string, string[]>();
  for (const s of schedules) {
    const data: RunJob = {
      connector: s.connector,
      action: s.action,
      workflow_id: s.workflow_id,
      trigger: "pull",
      config: configOf(s),
    };
    const id = s.id ?? s.workflow_id;
    const queue = queues.queue(s.connector);
    const found = await changeNotes(queue, `${SCHEDULER_PREFIX}${id}`, data);
    if (found.length > 0) notes.set(id, found);
    await queue.upsertJobScheduler(
      `${SCHEDULER_PREFIX}${id}`,
      s.cron ? { pattern: s.cron, ...(s.tz ? { tz: s.tz } : {}) } : { every: s.every! },
      { name: "pull", data },
    );
  }
  return (await listSchedules(queues, [...new Set(schedules.map((s) => s.connector))])).map((info) =>
    notes.has(info.id) ? { ...info, notes: notes.get(info.id)! } : info,
  );
}

/** The schedules kept in the queues of the given connectors. */
export async function listSchedules(queues: RunQueues, connectors: string[]): Promise<ScheduleInfo[]> {
  const out: ScheduleInfo[] = [];
  for (const connector of connectors) {
    const q = queues.queue(connector);
    for (const s of await q.getJobSchedulers(0, -1, true)) {
      if (!s.key.startsWith(SCHEDULER_PREFIX)) continue;
      const data = s.template?.data as RunJob | undefined;
      out.push({
        id: s.key.slice(SCHEDULER_PREFIX.length),
        queue: runQueueName(connector),
        workflow_id: data?.workflow_id,
        action: data?.action,
        cron: s.pattern,
        every: s.every,
        next: s.next ? new Date(s.next).toISOString() : null,
      });
    }
  }
  return out;
}

/** Removes schedules by id; returns the ids that existed. */
export async function removeSchedules(
  queues: RunQueues,
  connectors: string[],
  ids: string[],
): Promise<string[]> {
  const removed: string[] = [];
  for (const connector of connectors) {
    for (const id of ids) {
      if (await queues.queue(connector).removeJobScheduler(`${SCHEDULER_PREFIX}${id}`)) removed.push(id);
    }
  }
  return removed;
}
