import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import {
  closeAll,
  type FakeServer,
  type HermeticRuntime,
  hermeticRuntime,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { expect } from "vitest";
import { DigitalRecruiters } from "../src/index.js";
import {
  type FakeDigitalRecruiters,
  type FakeDigitalRecruitersOptions,
  startFakeDigitalRecruiters,
} from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  dr: FakeDigitalRecruiters;
  hrflow: FakeHrFlow;
  close(): Promise<void>;
}

export async function startFakes(options: FakeDigitalRecruitersOptions = {}): Promise<Fakes> {
  const dr = await startFakeDigitalRecruiters(options);
  const hrflow = await startFakeHrFlow();
  return {
    dr,
    hrflow,
    close: () => closeAll(dr, hrflow),
  };
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options: HrFlow at its fake, short retries, a roomy DR rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { hrflow: fakes.hrflow.baseUrl },
    http: { rateLimits: { digitalrecruiters: { requests: 1000, perMs: 1000 } } },
    ...extra,
  });
  return { ...options, logs };
}

/** Total requests either fake received. */
export function totalRequests(fakes: Fakes): number {
  return fakes.dr.requests.count() + fakes.hrflow.requests.count();
}

/** A stand-in for HrFlow.ai's file storage: serves `/files/<name>` without any credential. */
export async function startStorage(files: Record<string, Uint8Array>): Promise<FakeServer> {
  return startFakeServer({
    handle: (req) => {
      const name = decodeURIComponent(req.path.replace(/^\/files\//, ""));
      const bytes = files[name];
      if (!bytes) return { status: 404, body: { message: "not found" } };
      return { status: 200, body: Buffer.from(bytes), headers: { "content-type": "application/pdf" } };
    },
  });
}

/** A pull action's origin parameters, after checking the warehouses it joins. */
export function pullAction(name: "pull_job_list" | "pull_profile_list", origin: string, target: string) {
  const action = DigitalRecruiters.actions[name] as LegacyAction;
  expect([action.origin.name, action.target.name]).toEqual([origin, target]);
  return { action, parameters: action.origin.read!.parameters };
}
