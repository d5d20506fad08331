import { UsageError } from "../discover.js";
import { replayCommand } from "./replay.js";
import { serveCommand } from "./serve.js";

// A variable, not a literal: the CLI must not depend on the scale-out package (nor its Redis
// client) at build or install time; it is loaded only when a cluster command runs.
const CLUSTER_PACKAGE: string = "@hrflow-connectors/bullmq";

interface ClusterCommands {
  workerCommand(args: string[]): Promise<number>;
  scheduleCommand(args: string[]): Promise<number>;
  enqueueCommand(args: string[]): Promise<number>;
  intakeCommand(args: string[]): Promise<number>;
  replayFromRedis(args: string[], replay: (args: string[]) => Promise<number>): Promise<number>;
}

async function cluster(): Promise<ClusterCommands> {
  try {
    return (await import(CLUSTER_PACKAGE)) as ClusterCommands;
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" &&
      String(err).includes(CLUSTER_PACKAGE)
    ) {
      throw new UsageError(
        `This command runs on BullMQ and Redis: install ${CLUSTER_PACKAGE} next to the CLI (npm install ${CLUSTER_PACKAGE})`,
      );
    }
    throw err;
  }
}

const hasRedis = (args: string[]) => args.some((a) => a === "--redis" || a.startsWith("--redis="));

/** `worker --redis <url>`: runs queued runs (see @hrflow-connectors/bullmq). */
export const workerCommand = async (args: string[]) => (await cluster()).workerCommand(args);
/** `schedule apply|list|remove --redis <url>`. */
export const scheduleCommand = async (args: string[]) => (await cluster()).scheduleCommand(args);
/** `enqueue <connector> <action> -c <file> --redis <url>`. */
export const enqueueCommand = async (args: string[]) => (await cluster()).enqueueCommand(args);
/** `serve`: the in-process server, or the durable Redis intake with `--redis`. */
export const serveOrIntake = async (args: string[]) =>
  hasRedis(args) ? (await cluster()).intakeCommand(args) : serveCommand(args);
/** `replay`: a JSONL file, or a workflow's dead letters in the shared Redis stream with `--redis`. */
export const replayOrRedis = async (args: string[]) =>
  hasRedis(args) ? (await cluster()).replayFromRedis(args, replayCommand) : replayCommand(args);
