import { rm } from "node:fs/promises";
import { storedStateSchema } from "@hrflow-connectors/core/engine";
import { EXIT, parse, stateStore } from "../common.js";
import { UsageError } from "../discover.js";

export const stateHelp = `Usage: hrflow-connectors state show|reset <workflow_id> [--state-dir <dir>] [--json]

  show    prints the workflow's stored state (last result, incremental token, resume point)
          and whether a run can use it
  reset   deletes it: the next run reads everything again (incremental runs from the start,
          interrupted runs from the beginning)

Options:
      --state-dir <dir>    state store directory (default <data dir>/state, see HRFLOW_CONNECTORS_HOME)
      --json               print JSON

Exit status: 0 done, 2 no such state or a state no run can use (show).`;

/** `state show|reset <workflow_id>`: what a workflow's runs keep between them, and a way to clear it. */
export async function stateCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    "state-dir": { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    process.stdout.write(`${stateHelp}\n`);
    return EXIT.ok;
  }
  const [verb, workflowId, ...extra] = positionals;
  if ((verb !== "show" && verb !== "reset") || !workflowId || extra.length > 0) {
    throw new UsageError(`Expected: state show|reset <workflow_id>\n\n${stateHelp}`);
  }
  const store = stateStore(values["state-dir"]);
  const file = store.fileFor(workflowId);
  const say = (text: string, json: Record<string, unknown>) =>
    process.stdout.write(
      values.json ? `${JSON.stringify({ workflow_id: workflowId, file, ...json })}\n` : `${text}\n`,
    );

  if (verb === "reset") {
    let existed = true;
    await rm(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
      existed = false;
    });
    say(
      existed
        ? `Deleted ${file}: the next run of ${workflowId} starts afresh`
        : `No state for ${workflowId} (${file})`,
      {
        reset: existed,
      },
    );
    return EXIT.ok;
  }

  // Loaded as the engine loads it, so a file that is not JSON fails here with the same message.
  const state = await store.load(workflowId);
  if (state === null) {
    say(`No state for ${workflowId} (${file})`, { state: null });
    return EXIT.fatal;
  }
  const check = storedStateSchema.safeParse(state);
  const problems = check.success
    ? []
    : check.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  const verdict =
    problems.length === 0
      ? "usable"
      : `not usable (${problems.join("; ")}): reset it with hrflow-connectors state reset ${workflowId}`;
  say(`${file}: ${verdict}\n${JSON.stringify(state, null, 2)}`, {
    usable: problems.length === 0,
    problems,
    state,
  });
  return problems.length === 0 ? EXIT.ok : EXIT.fatal;
}
