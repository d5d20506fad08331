import {
  createLogger,
  MemoryDeadLetter,
  MemoryStore,
  memorySink,
  type RunOptions,
} from "@hrflow-connectors/core";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeWorkable, type FakeWorkableOptions, startFakeWorkable } from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  workable: FakeWorkable;
  hrflow: FakeHrFlow;
  close(): Promise<void>;
}

/** Starts the fake Workable (no rate limit unless asked) and the fake HrFlow. */
export async function startFakes(options: FakeWorkableOptions = {}): Promise<Fakes> {
  const workable = await startFakeWorkable({ rateLimit: null, ...options });
  const hrflow = await startFakeHrFlow();
  return {
    workable,
    hrflow,
    close: async () => {
      await Promise.all([workable.close(), hrflow.close()]);
    },
  };
}

/** Hermetic run options pointing both clients at the fakes, with short retries and a roomy rate limit. */
export function runtime(
  fakes: Fakes,
  extra: Partial<RunOptions> = {},
): RunOptions & { deadLetter: MemoryDeadLetter; sink: ReturnType<typeof memorySink> } {
  const sink = memorySink();
  return {
    store: new MemoryStore(),
    deadLetter: new MemoryDeadLetter(),
    logger: createLogger({ sink, level: "debug" }),
    baseUrls: { workable: fakes.workable.baseUrl, hrflow: fakes.hrflow.baseUrl },
    http: {
      retry: { baseDelayMs: 5, maxDelayMs: 2000 },
      rateLimits: { workable: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
    sink,
  } as RunOptions & { deadLetter: MemoryDeadLetter; sink: ReturnType<typeof memorySink> };
}

/** The options of an inbound job flow. */
export function jobFlowOptions(fakes: Fakes, boardKey: string, extra: Record<string, unknown> = {}) {
  return {
    workflow_id: `jobs-${boardKey}`,
    connector_auth: fakes.workable.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { board_key: boardKey },
    ...extra,
  };
}

/** The options of an inbound profile flow. */
export function profileFlowOptions(fakes: Fakes, sourceKey: string, extra: Record<string, unknown> = {}) {
  return {
    workflow_id: `profiles-${sourceKey}`,
    connector_auth: fakes.workable.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { source_key: sourceKey },
    ...extra,
  };
}

/** Total requests either fake received. */
export function totalRequests(fakes: Fakes): number {
  return fakes.workable.requests.count() + fakes.hrflow.requests.count();
}
