import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import type { LegacyActionParameters } from "@hrflow-connectors/core/legacy";
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
// The helpers are generic in what a test adds, so each action's typed options check it.
export function toSource<O extends object = object>(fakes: Fakes, source: string, origin?: O) {
  return {
    workflow_id: `ts-${source}`,
    origin_parameters: { ...fakes.ts.backOffice, ...origin },
    target_parameters: { ...fakes.hrflow.auth, source_key: source },
  };
}

/** Older-style options reading from TalentSoft (back office) into an HrFlow board. */
export function toBoard<O extends object = object>(
  fakes: Fakes,
  board: string,
  origin?: O,
  action: LegacyActionParameters = {},
) {
  return {
    workflow_id: `jobs-${board}`,
    action_parameters: action,
    origin_parameters: { ...fakes.ts.backOffice, ...origin },
    target_parameters: { ...fakes.hrflow.auth, board_key: board },
  };
}

/** Older-style options pushing an HrFlow profile to TalentSoft (front office). */
export function toTalentSoft<T extends object = object>(
  fakes: Fakes,
  source: string,
  profileKey: string,
  target?: T,
) {
  return {
    workflow_id: "push",
    origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: profileKey },
    target_parameters: { ...fakes.ts.frontOffice, ...target },
  };
}

/** The GET requests of one export, in order. */
export function exportRequests(fakes: Fakes, entity: "vacancies" | "candidates") {
  return fakes.ts.requests.filter({ method: "GET", route: `/api/exports/v1/${entity}` });
}

/** A recorded request's query string, parsed. */
export const queryOf = (r: { query: string }) => new URLSearchParams(r.query);

/** Total requests either fake received. */
export function totalRequests(fakes: Fakes): number {
  return fakes.ts.requests.count() + fakes.hrflow.requests.count();
}
