import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { onTestFinished } from "vitest";
import {
  type FakeSmartRecruiters,
  type FakeSmartRecruitersOptions,
  startFakeSmartRecruiters,
} from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  sr: FakeSmartRecruiters;
  hrflow: FakeHrFlow;
  close(): Promise<void>;
}

/** Starts the fake SmartRecruiters (its own limits unless told) and the fake HrFlow for the current test. */
export async function startFakes(options: FakeSmartRecruitersOptions = {}): Promise<Fakes> {
  const sr = await startFakeSmartRecruiters({ rateLimit: null, ...options });
  const hrflow = await startFakeHrFlow();
  const fakes = { sr, hrflow, close: () => closeAll(sr, hrflow) };
  onTestFinished(() => fakes.close());
  return fakes;
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing both clients at the fakes, with short retries and a roomy rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { smartrecruiters: fakes.sr.baseUrl, hrflow: fakes.hrflow.baseUrl },
    http: {
      rateLimits: {
        smartrecruiters: { requests: 1000, perMs: 1000 },
        hrflow: { requests: 1000, perMs: 1000 },
      },
    },
    ...extra,
  });
  return { ...options, logs };
}

/** The options of an inbound job flow. */
export function jobFlowOptions<Extra extends object = object>(fakes: Fakes, boardKey: string, extra?: Extra) {
  return {
    workflow_id: `jobs-${boardKey}`,
    connector_auth: fakes.sr.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { board_key: boardKey },
    ...extra,
  };
}

/** The options of an inbound profile flow. */
export function profileFlowOptions<Extra extends object = object>(
  fakes: Fakes,
  sourceKey: string,
  extra?: Extra,
) {
  return {
    workflow_id: `profiles-${sourceKey}`,
    connector_auth: fakes.sr.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { source_key: sourceKey },
    ...extra,
  };
}
