import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { onTestFinished } from "vitest";
import { type FakeWorkable, type FakeWorkableOptions, startFakeWorkable } from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  workable: FakeWorkable;
  hrflow: FakeHrFlow;
  close(): Promise<void>;
}

/** Starts the fake Workable for the current test (Workable's own window unless told) and stops it after. */
export async function startWorkable(options: FakeWorkableOptions = {}): Promise<FakeWorkable> {
  const workable = await startFakeWorkable(options);
  onTestFinished(() => workable.close());
  return workable;
}

/** Starts the fake Workable (no rate limit unless asked) and the fake HrFlow for the current test. */
export async function startFakes(options: FakeWorkableOptions = {}): Promise<Fakes> {
  const workable = await startFakeWorkable({ rateLimit: null, ...options });
  const hrflow = await startFakeHrFlow();
  const fakes = { workable, hrflow, close: () => closeAll(workable, hrflow) };
  onTestFinished(() => fakes.close());
  return fakes;
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing both clients at the fakes, with short retries and a roomy rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { workable: fakes.workable.baseUrl, hrflow: fakes.hrflow.baseUrl },
    http: {
      rateLimits: { workable: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
  });
  return { ...options, logs };
}

// Generic, so each action's typed options check what a test passes.
function flowOptions<Push, Extra extends object>(
  fakes: Fakes,
  workflowId: string,
  pushParameters: Push,
  extra: Extra,
) {
  return {
    workflow_id: workflowId,
    connector_auth: fakes.workable.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: pushParameters,
    ...extra,
  };
}

/** The options of an inbound job flow. */
export function jobFlowOptions<Extra extends object = object>(fakes: Fakes, boardKey: string, extra?: Extra) {
  return flowOptions(fakes, `jobs-${boardKey}`, { board_key: boardKey }, { ...extra });
}

/** The options of an inbound profile flow. */
export function profileFlowOptions<Extra extends object = object>(
  fakes: Fakes,
  sourceKey: string,
  extra?: Extra,
) {
  return flowOptions(fakes, `profiles-${sourceKey}`, { source_key: sourceKey }, { ...extra });
}

/** Total requests either fake received. */
export function totalRequests(fakes: Fakes): number {
  return fakes.workable.requests.count() + fakes.hrflow.requests.count();
}
