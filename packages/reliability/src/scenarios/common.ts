import type { DeadLetterEntry, RunOptions } from "@hrflow-connectors/core";
import { type FakeHrFlow, hrflowProfile } from "@hrflow-connectors/hrflow/testing";
import { type ActionFn, type Endpoint, pool, tally, type World } from "../harness.js";

/** The HrFlow fake as an endpoint of the runs. */
export const hrflowEndpoint = (hrflow: FakeHrFlow): Endpoint => ({
  key: "hrflow",
  baseUrl: hrflow.baseUrl,
  origin: new URL(hrflow.baseUrl).origin,
});

/** Live (not archived) jobs of a board, by reference. */
export const liveJobs = (hrflow: FakeHrFlow, board: string) =>
  tally(
    hrflow
      .jobs(board)
      .filter((j) => !j.archived_at)
      .map((j) => String(j.reference)),
  );

/** Live (not archived) profiles of a source, by reference. */
export const liveProfiles = (hrflow: FakeHrFlow, source: string) =>
  tally(
    hrflow
      .profiles(source)
      .filter((p) => !p.archived_at)
      .map((p) => String(p.reference)),
  );

/** The first of these keys that a dead-lettered item carries as a non-empty string. */
export function idFrom(entry: DeadLetterEntry, ...paths: string[]): string | null {
  for (const path of paths) {
    let value: unknown = entry.item;
    for (const part of path.split(".")) value = (value as Record<string, unknown> | null)?.[part];
    if (Array.isArray(value)) value = value[0];
    if (typeof value === "string" && value) return value;
  }
  return null;
}

/**
 * `n` realistic profiles (see `hrflowProfile`) in a new source of the HrFlow fake, to push to a
 * vendor: the source, the profiles' keys, and their emails (what the vendor's copies are matched by).
 */
export function profilesToPush(
  hrflow: FakeHrFlow,
  n: number,
  extra: (i: number) => Record<string, unknown> = () => ({}),
): { source: string; keys: string[]; emails: string[] } {
  const source = hrflow.addSource();
  const keys = Array.from({ length: n }, (_, i) => hrflow.addProfile(source, hrflowProfile(i, extra(i))).key);
  const emails = Array.from({ length: n }, (_, i) => `ada.${i}@example.com`);
  return { source, keys, emails };
}

/**
 * A one-profile-per-run action, run once per stored profile key (a few runs at a time); `options`
 * gives the action's options for one key.
 */
export function perProfile(
  keys: string[],
  action: ActionFn,
  options: (key: string) => Record<string, unknown>,
): Pick<World, "run" | "sample"> {
  return {
    run: (runtime: RunOptions) => pool(keys.length, 4, (i) => action(options(keys[i]!), runtime)),
    sample: { action, options: options(keys[0] ?? "none") },
  };
}
