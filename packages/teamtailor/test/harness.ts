import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { onTestFinished } from "vitest";
import {
  type FakeTeamtailor,
  type FakeTeamtailorOptions,
  startFakeTeamtailor,
} from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  teamtailor: FakeTeamtailor;
  hrflow: FakeHrFlow;
}

/** Starts the fake Teamtailor (no rate limit unless asked) and the fake HrFlow for the current test. */
export async function startFakes(options: FakeTeamtailorOptions = {}): Promise<Fakes> {
  const teamtailor = await startFakeTeamtailor({ rateLimit: null, ...options });
  const hrflow = await startFakeHrFlow();
  onTestFinished(() => closeAll(teamtailor, hrflow));
  return { teamtailor, hrflow };
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing both clients at the fakes, with short retries and a roomy rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { teamtailor: fakes.teamtailor.baseUrl, hrflow: fakes.hrflow.baseUrl },
    http: {
      rateLimits: { teamtailor: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
  });
  return { ...options, logs };
}

/** The options of an inbound job flow into `board`. */
export function jobFlowOptions<Extra extends object = object>(fakes: Fakes, board: string, extra?: Extra) {
  return {
    workflow_id: `jobs-${board}`,
    connector_auth: fakes.teamtailor.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { board_key: board },
    ...extra,
  };
}

/** The options of an inbound profile flow into `source`. */
export function profileFlowOptions<Extra extends object = object>(
  fakes: Fakes,
  source: string,
  extra?: Extra,
) {
  return {
    workflow_id: `profiles-${source}`,
    connector_auth: fakes.teamtailor.auth,
    hrflow_auth: fakes.hrflow.auth,
    pull_parameters: {},
    push_parameters: { source_key: source },
    ...extra,
  };
}
