import type { LegacyActionOptions, LogRecord, RunOptions } from "@hrflow-connectors/core";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import {
  type FakeTalentSoft,
  type FakeTalentSoftOptions,
  startFakeTalentSoft,
} from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  ts: FakeTalentSoft;
  hrflow: FakeHrFlow;
  close(): Promise<void>;
}

/** Starts the fake TalentSoft tenant and the fake HrFlow. */
export async function startFakes(options: FakeTalentSoftOptions = {}): Promise<Fakes> {
  const [ts, hrflow] = await Promise.all([startFakeTalentSoft(options), startFakeHrFlow()]);
  return {
    ts,
    hrflow,
    close: () => closeAll(ts, hrflow),
  };
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing HrFlow at its fake, with short retries and a roomy rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { hrflow: fakes.hrflow.baseUrl },
    http: {
      rateLimits: { talentsoft: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
  });
  return { ...options, logs };
}

/** Older-style options reading from TalentSoft (back office) into an HrFlow source. */
export function toSource(
  fakes: Fakes,
  source: string,
  origin: Record<string, unknown> = {},
): LegacyActionOptions {
  return {
    workflow_id: `ts-${source}`,
    origin_parameters: { ...fakes.ts.backOffice, ...origin },
    target_parameters: { ...fakes.hrflow.auth, source_key: source },
  };
}

/** Total requests either fake received. */
export function totalRequests(fakes: Fakes): number {
  return fakes.ts.requests.count() + fakes.hrflow.requests.count();
}
