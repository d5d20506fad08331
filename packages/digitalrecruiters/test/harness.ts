import {
  createLogger,
  MemoryDeadLetter,
  MemoryStore,
  memorySink,
  type RunOptions,
} from "@hrflow-connectors/core";
import { type FakeServer, startFakeServer } from "@hrflow-connectors/core/testing";
import { type FakeHrFlow, startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
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
    close: async () => {
      await Promise.all([dr.close(), hrflow.close()]);
    },
  };
}

export type TestRuntime = RunOptions & { deadLetter: MemoryDeadLetter; sink: ReturnType<typeof memorySink> };

/** Hermetic run options: HrFlow at its fake, short retries, a roomy DR rate limit. */
export function runtime(fakes: Fakes, extra: Partial<RunOptions> = {}): TestRuntime {
  const sink = memorySink();
  return {
    store: new MemoryStore(),
    deadLetter: new MemoryDeadLetter(),
    logger: createLogger({ sink, level: "debug" }),
    baseUrls: { hrflow: fakes.hrflow.baseUrl },
    http: {
      retry: { baseDelayMs: 5, maxDelayMs: 2000 },
      rateLimits: { digitalrecruiters: { requests: 1000, perMs: 1000 } },
    },
    ...extra,
    sink,
  } as TestRuntime;
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
