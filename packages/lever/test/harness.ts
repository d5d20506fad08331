import type { LogRecord, RunOptions } from "@hrflow-connectors/core";
import { HttpRuntime } from "@hrflow-connectors/core/http";
import { closeAll, type HermeticRuntime, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { type FakeLever, type FakeLeverOptions, startFakeLever } from "../src/testing/index.js";

/** Both fakes of an end-to-end test, started on loopback. */
export interface Fakes {
  lever: FakeLever;
  hrflow: FakeHrFlow;
  /** What the test's runs share, as runs of one process (or one `serve`) do: OAuth sessions, limits. */
  httpRuntime: HttpRuntime;
  /** Starts afresh, as a new process would: no OAuth session in memory. */
  newProcess(): void;
  close(): Promise<void>;
}

/** Starts the fake Lever (no rate limit unless asked) and the fake HrFlow, with no OAuth session cached. */
export async function startFakes(options: FakeLeverOptions = {}): Promise<Fakes> {
  const lever = await startFakeLever({ rateLimit: null, ...options });
  const hrflow = await startFakeHrFlow();
  const fakes: Fakes = {
    lever,
    hrflow,
    httpRuntime: new HttpRuntime(),
    newProcess: () => {
      fakes.httpRuntime = new HttpRuntime();
    },
    close: () => closeAll(lever, hrflow),
  };
  return fakes;
}

export type TestRuntime = HermeticRuntime["options"] & { logs: LogRecord[] };

/** Hermetic run options pointing every client at the fakes, with short retries and a roomy rate limit. */
export function runtime(fakes: Fakes, extra: RunOptions = {}): TestRuntime {
  const { options, logs } = hermeticRuntime({
    baseUrls: { ...fakes.lever.baseUrls, hrflow: fakes.hrflow.baseUrl },
    http: {
      retry: { baseDelayMs: 5, maxDelayMs: 200 },
      rateLimits: { lever: { requests: 1000, perMs: 1000 }, hrflow: { requests: 1000, perMs: 1000 } },
    },
    httpRuntime: fakes.httpRuntime,
    ...extra,
  });
  return { ...options, logs };
}

/** Total requests either fake received. */
export function totalRequests(fakes: Fakes): number {
  return fakes.lever.requests.count() + fakes.hrflow.requests.count();
}

/** Lever requests to one route (e.g. `/v1/postings`), with their query parsed. */
export function leverCalls(fakes: Fakes, route: string, method = "GET") {
  return fakes.lever.requests
    .filter({ method, route })
    .map((r) => ({ status: r.status, query: new URLSearchParams(r.query) }));
}

/** Lever's credential fields, first in every Lever parameter table as the seeds list them. */
export const LEVER_CREDENTIAL_FIELDS = [
  "auth_domain",
  "client_domain",
  "client_id",
  "client_secret",
  "authorization_code",
] as const;
