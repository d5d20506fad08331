import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { onTestFinished } from "vitest";
import { type FakeBullhorn, type FakeBullhornOptions, startFakeBullhorn } from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  bullhorn: FakeBullhorn;
  hrflow: FakeHrFlow;
}

/** Starts the fake Bullhorn and the fake HrFlow for the current test, and stops them after. */
export async function startFakes(options: FakeBullhornOptions = {}): Promise<Fakes> {
  const bullhorn = await startFakeBullhorn(options);
  const hrflow = await startFakeHrFlow();
  onTestFinished(() => closeAll(bullhorn, hrflow));
  return { bullhorn, hrflow };
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing both clients at the fakes, with short retries and a roomy rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { bullhorn: fakes.bullhorn.baseUrl, hrflow: fakes.hrflow.baseUrl },
    http: {
      rateLimits: { bullhorn: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
  });
  return { ...options, logs };
}

/** The options of an inbound flow (jobs to a board, or profiles to a source). */
export function flowOptions<Pull extends object, Push extends object>(
  fakes: Fakes,
  workflowId: string,
  pull: Pull,
  push: Push,
  extra: { incremental?: boolean } = {},
) {
  return {
    workflow_id: workflowId,
    connector_auth: fakes.bullhorn.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: pull,
    push_parameters: push,
    ...extra,
  };
}
