import type { DeadLetterEntry, LogRecord, RunOptions, RunResult } from "@hrflow-connectors/core";
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultProxy,
  type FaultProxyOptions,
  hermeticRuntime,
  startFaultProxy,
} from "@hrflow-connectors/core/testing";
import { leaks, secretsIn } from "./secrets.js";

/** A fake the runs reach through a fault proxy: its run `baseUrls` key, base URL and origin. */
export interface Endpoint {
  key: string;
  baseUrl: string;
  origin: string;
  /**
   * False for an endpoint reached directly, without random faults: a single-use credential
   * exchange (Lever's authorization code), whose faults the token tests cover one by one.
   */
  faults?: boolean;
}

/** One action set up against its fakes with `n` items to move. */
export interface World {
  /** The fakes the runs call; each gets its own fault proxy. */
  endpoints: Endpoint[];
  /** The id of every item that must arrive (or be dead-lettered). */
  ids: string[];
  /** Runs the action (once, or once per item for actions that move one item per run). */
  run(options: RunOptions): Promise<RunResult[]>;
  /** The action and valid options of one of its runs, for the bad-input matrix. */
  sample: Call;
  /** Credentials the fakes issued during the runs (access and refresh tokens), for the leak scan. */
  issued?: () => string[];
  /** How many times the target holds each id, read from the fake's state. */
  held(): Map<string, number>;
  /** The id of a dead-lettered item (formatted or raw). */
  idOf(entry: DeadLetterEntry): string | null;
  close(): Promise<void>;
}

/** An action function of a connector, in either style. */
export type ActionFn = (options: any, runtime?: RunOptions) => Promise<RunResult>;

/** One run of an action: the function and its (valid) options. */
export interface Call {
  action: ActionFn;
  options: Record<string, unknown>;
}

/** A world's `run` and `sample` for an action that moves every item in one run. */
export function single(action: ActionFn, options: Record<string, unknown>): Pick<World, "run" | "sample"> {
  return { run: async (runtime) => [await action(options, runtime)], sample: { action, options } };
}

/** An action of a connector, with how to set it up. */
export interface Scenario {
  connector: string;
  action: string;
  /** Items per test run; actions that make one run per item use fewer. */
  n: number;
  start(n: number, seed: number): Promise<World>;
}

export interface FaultSettings {
  seed: number;
  /** Decides faults request by request instead of the draw (see FaultProxyOptions.plan). */
  plan?: FaultProxyOptions["plan"];
  /** Only these endpoint keys get a proxy with faults (default all but `faults: false` ones). */
  endpoints?: string[];
  /** Probability of a fault per request, on every proxy (default 0.1). */
  rate?: number;
  kinds?: readonly FaultKind[];
}

/** What one exercise found, item by item and in the run results. */
export interface Report {
  scenario: string;
  items: number;
  /** Items the target holds exactly once and that are not dead-lettered. */
  delivered: number;
  /** Items dead-lettered with a reason; `unknown` of them with outcome "unknown". */
  deadLettered: number;
  unknown: number;
  /** Unknown-outcome items that had in fact landed (held once, and dead-lettered). */
  unknownLanded: number;
  /** Items neither held nor dead-lettered. */
  lost: string[];
  /** Items held more than once, or dead-lettered twice. */
  duplicated: string[];
  /** Items held although dead-lettered with a known outcome (a write counted failed that landed). */
  contradicted: string[];
  /** Dead-letter entries without a reason. */
  unexplained: number;
  /** Credentials (configured or issued) found in a result, a dead letter or a log line. */
  leaked: string[];
  /** The runs' `written` total, and whether it equals `delivered` (what the fakes hold). */
  written: number;
  countsMatch: boolean;
  statuses: Record<string, number>;
  faults: Record<FaultKind, number>;
  requests: number;
  durationMs: number;
  logs: LogRecord[];
  deadLetters: DeadLetterEntry[];
  results: RunResult[];
}

/** Fast retries and short timeouts: faults cost little time, and hold-type faults end quickly. */
export const FAST_HTTP: NonNullable<RunOptions["http"]> = {
  timeoutMs: 300,
  retry: { retries: 6, baseDelayMs: 2, maxDelayMs: 50 },
};

/**
 * Every kind of fault, the two that hold a request until the client's timeout (`timeout`, `lost`)
 * half as often as the others: they test the same paths and cost a timeout each.
 */
export const MIXED_FAULTS: readonly FaultKind[] = [
  ...FAULT_KINDS.filter((k) => k !== "timeout" && k !== "lost").flatMap((k) => [k, k]),
  "timeout",
  "lost",
];

/** Every vendor key with a roomy budget, so the published limits do not slow the tests. */
export function roomyLimits(keys: string[]): Record<string, { requests: number; perMs: number }> {
  return Object.fromEntries(keys.map((k) => [k, { requests: 100_000, perMs: 1_000 }]));
}

/**
 * Sets the scenario up with `n` items, puts a seeded fault proxy in front of each of its fakes,
 * runs the action through them, and checks every item: held exactly once, or dead-lettered with
 * its reason (both only when the outcome is marked unknown), and `written` equal to what is held.
 */
export async function exercise(
  scenario: Scenario,
  faults: FaultSettings,
  n = scenario.n,
  extra: RunOptions = {},
): Promise<Report> {
  const started = Date.now();
  const world = await scenario.start(n, faults.seed);
  const proxies: FaultProxy[] = [];
  try {
    const baseUrls: Record<string, string> = {};
    for (const [i, endpoint] of world.endpoints.entries()) {
      if (faults.endpoints ? !faults.endpoints.includes(endpoint.key) : endpoint.faults === false) {
        baseUrls[endpoint.key] = endpoint.baseUrl;
        continue;
      }
      const proxy = await startFaultProxy({
        target: endpoint.origin,
        seed: faults.seed * 31 + i,
        rate: faults.rate ?? 0.1,
        kinds: faults.kinds ?? MIXED_FAULTS,
        ...(faults.plan ? { plan: faults.plan } : {}),
        // A client that does not hang up at its timeout is cut off soon after it.
        holdMs: 1_500,
        slowMs: 20,
      });
      proxies.push(proxy);
      baseUrls[endpoint.key] = proxy.url(endpoint.baseUrl);
    }
    const keys = world.endpoints.map((e) => e.key);
    const runtime = hermeticRuntime({
      baseUrls,
      concurrency: 4,
      ...extra,
      http: { ...FAST_HTTP, rateLimits: roomyLimits(keys), ...extra.http },
    });
    const results = await world.run(runtime.options);
    return check(scenario, world, results, runtime.deadLetter.entries, runtime.logs, proxies, started);
  } finally {
    await Promise.all([...proxies.map((p) => p.close()), world.close()]);
  }
}

function check(
  scenario: Scenario,
  world: World,
  results: RunResult[],
  entries: DeadLetterEntry[],
  logs: LogRecord[],
  proxies: FaultProxy[],
  started: number,
): Report {
  const held = world.held();
  const dead = new Map<string, DeadLetterEntry[]>();
  for (const e of entries) {
    const id = world.idOf(e) ?? "(no id)";
    dead.set(id, [...(dead.get(id) ?? []), e]);
  }
  const expected = new Set(world.ids);
  const report = {
    lost: [] as string[],
    duplicated: [] as string[],
    contradicted: [] as string[],
    delivered: 0,
    deadLettered: 0,
    unknown: 0,
    unknownLanded: 0,
  };
  for (const id of world.ids) {
    const count = held.get(id) ?? 0;
    const letters = dead.get(id) ?? [];
    if (count > 1 || letters.length > 1) report.duplicated.push(id);
    if (letters.length === 0) {
      if (count === 0) report.lost.push(id);
      else report.delivered++;
      continue;
    }
    report.deadLettered++;
    const unknown = letters.every((e) => e.outcome === "unknown");
    if (unknown) report.unknown++;
    if (count > 0 && unknown) report.unknownLanded++;
    if (count > 0 && !unknown) report.contradicted.push(id);
  }
  // Anything held that was never asked for is a duplicate under another name.
  for (const [id, count] of held) if (!expected.has(id) && count > 0) report.duplicated.push(id);
  const faults = Object.fromEntries(
    Object.keys(proxies[0]?.injected ?? {}).map((k) => [
      k,
      proxies.reduce((sum, p) => sum + p.injected[k as FaultKind], 0),
    ]),
  ) as Record<FaultKind, number>;
  const written = results.reduce((sum, r) => sum + r.written, 0);
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return {
    scenario: `${scenario.connector} ${scenario.action}`,
    items: world.ids.length,
    ...report,
    unexplained: entries.filter((e) => !e.error?.trim()).length,
    leaked: leaks([...secretsIn(world.sample.options), ...(world.issued?.() ?? [])], results, entries, logs),
    written,
    countsMatch: written === report.delivered,
    statuses,
    faults,
    requests: proxies.reduce((sum, p) => sum + p.requests.length, 0),
    durationMs: Date.now() - started,
    logs,
    deadLetters: entries,
    results,
  };
}

/** Runs `make(i)` for i in [0, n) with at most `limit` at once; results in index order. */
export async function pool<T>(n: number, limit: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

/** Counts values: how many times each id occurs. */
export function tally(ids: Iterable<string | null | undefined>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** One line per report, for the bench script and failing tests. */
export function summary(r: Report): string {
  const faults = Object.entries(r.faults)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(" ");
  return `${r.scenario}: ${r.items} items, ${r.delivered} delivered, ${r.deadLettered} dead-lettered (${r.unknown} unknown, ${r.unknownLanded} of them landed), lost=${r.lost.length} duplicated=${r.duplicated.length} contradicted=${r.contradicted.length} written=${r.written} counts ${r.countsMatch ? "match" : "DIFFER"}; ${r.requests} requests, faults: ${faults}; ${r.durationMs} ms`;
}

/** A plan that gives `kind` to the first request whose URL contains `part`, and no other fault. */
export function firstMatching(part: string, kind: FaultKind): NonNullable<FaultProxyOptions["plan"]> {
  let done = false;
  return (req) => {
    if (done || !req.url.includes(part)) return null;
    done = true;
    return kind;
  };
}
