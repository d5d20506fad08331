import { didYouMean } from "@hrflow-connectors/cli";
import type { ScheduleInfo } from "./schedules.js";

const when = (s: ScheduleInfo): string =>
  s.cron ? `cron "${s.cron}"` : s.every ? `every ${s.every / 1000} s` : "(no repeat)";

/** Schedules as aligned lines for a terminal: id, action, repeat, next run, workflow. */
export function scheduleLines(schedules: readonly ScheduleInfo[]): string {
  if (schedules.length === 0) return "No schedule.";
  const rows = schedules.map((s) => [
    s.id,
    `${s.queue.replace(/^hrflow-connectors-runs-/, "")} ${s.action ?? "?"}`,
    when(s),
    `next ${s.next ?? "-"}`,
    `workflow ${s.workflow_id ?? "?"}`,
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The line a `schedule remove` prints for ids that matched no schedule, with the near known id. */
export function unknownScheduleIds(unknown: readonly string[], known: readonly string[]): string {
  return unknown.map((id) => `No schedule '${id}'.${didYouMean(id, known)}`).join("\n");
}
