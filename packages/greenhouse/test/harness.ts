import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { onTestFinished } from "vitest";
import {
  type FakeGreenhouse,
  type FakeGreenhouseOptions,
  startFakeGreenhouse,
} from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  greenhouse: FakeGreenhouse;
  hrflow: FakeHrFlow;
}

/** Starts the fake Greenhouse (no rate limit unless asked) and the fake HrFlow for the current test. */
export async function startFakes(options: FakeGreenhouseOptions = {}): Promise<Fakes> {
  const greenhouse = await startFakeGreenhouse({ rateLimit: null, ...options });
  const hrflow = await startFakeHrFlow();
  onTestFinished(() => closeAll(greenhouse, hrflow));
  return { greenhouse, hrflow };
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing every client at the fakes, with short retries and a roomy limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { ...fakes.greenhouse.baseUrls, hrflow: fakes.hrflow.baseUrl },
    http: {
      rateLimits: { greenhouse: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
  });
  return { ...options, logs };
}

/** The options of an inbound job flow. */
export function jobFlowOptions<Extra extends object = object>(fakes: Fakes, boardKey: string, extra?: Extra) {
  return {
    workflow_id: `jobs-${boardKey}`,
    connector_auth: fakes.greenhouse.auth,
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
    connector_auth: fakes.greenhouse.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { source_key: sourceKey },
    ...extra,
  };
}

/** The options of an outbound profile flow for one HrFlow profile. */
export function outboundOptions<Push extends object>(
  fakes: Fakes,
  source: string,
  profileKey: string,
  push: Push,
) {
  return {
    workflow_id: `out-${profileKey}`,
    connector_auth: fakes.greenhouse.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: { source_key: source, profile_key: profileKey },
    push_parameters: push,
  };
}
