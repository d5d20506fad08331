import { readFileSync } from "node:fs";
import { checkCommand } from "./commands/check.js";
import {
  enqueueCommand,
  replayOrRedis,
  scheduleCommand,
  serveOrIntake,
  workerCommand,
} from "./commands/cluster.js";
import { describeCommand } from "./commands/describe.js";
import { fakesCommand } from "./commands/fakes.js";
import { listCommand } from "./commands/list.js";
import { runCommand } from "./commands/run.js";
import { stateCommand } from "./commands/state.js";
import { EXIT, reportError } from "./common.js";
import { didYouMean } from "./suggest.js";

export const usage = `Usage: hrflow-connectors <command> [options]

Commands:
  list                                  installed connector packages and their actions
  describe <connector> <action>         an action's parameters and an example config file
  check <connector> <action> -c <file>  validate a config, then test each side's credentials
  run <connector> <action> -c <file>    run an action (--dry-run, --incremental, --json, ...)
  replay <dead-letter.jsonl> -c <file>  re-send the failed items of a run
  serve -c <file>                       receive webhooks and run catch-style actions
  worker --redis <url>                  run queued runs (needs @hrflow-connectors/bullmq)
  schedule apply|list|remove --redis    cron/interval pulls kept in BullMQ job schedulers
  enqueue <connector> <action> -c <f>   queue one pull run (--redis <url>)
  fakes [<connector>...]                start fake HrFlow.ai and vendor servers for local experiments
  state show|reset <workflow_id>        a workflow's stored state (token, resume point), or clear it

Run 'hrflow-connectors <command> --help' for a command's options.
Exit status: 0 success, 1 success with failures, 2 fatal, 75 workflow busy (run: another run holds it).`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  list: listCommand,
  describe: describeCommand,
  check: checkCommand,
  run: runCommand,
  replay: replayOrRedis,
  serve: serveOrIntake,
  fakes: fakesCommand,
  worker: workerCommand,
  schedule: scheduleCommand,
  enqueue: enqueueCommand,
  state: stateCommand,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String(pkg.version);
}

/** Runs the command line and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${usage}\n`);
    return command ? EXIT.ok : EXIT.fatal;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const fn = commands[command];
  if (!fn) {
    process.stderr.write(
      `Unknown command '${command}'.${didYouMean(command, Object.keys(commands))}\n\n${usage}\n`,
    );
    return EXIT.fatal;
  }
  try {
    return await fn(rest);
  } catch (err) {
    return reportError(err, rest.includes("--json"));
  }
}
