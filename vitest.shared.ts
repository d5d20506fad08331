import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

/**
 * What every vitest project shares. Projects do not inherit the root config's `test` options, so the
 * timeouts live here and each package's vitest.config.ts builds on this: a test that is slow only
 * because the machine is busy (2 shared cores in CI) must not fail at vitest's 5 s default.
 */
export const TEST_TIMEOUT_MS = 60_000;

/** A package's vitest project: the source export condition, node environment and the shared timeouts. */
export function packageProject(name: string) {
  return defineProject({
    // Tests import sibling packages' TypeScript directly, so a test never runs against a stale dist.
    ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
    resolve: { conditions: ["@hrflow-connectors/source"] },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      environment: "node",
      testTimeout: TEST_TIMEOUT_MS,
      hookTimeout: TEST_TIMEOUT_MS,
      // vitest's default is one worker fewer than the cores: ONE on the 2-core CI, so every file ran in
      // turn while most only wait on CLI children, fakes and Redis. Set per project (projects do not
      // inherit the root's). Tests hold no wall-clock margins: contention slows them, never fails them.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      // Default state and dead-letter files of runs that name no location go to a scratch folder,
      // not to the user's data directory.
      env: { HRFLOW_CONNECTORS_HOME: join(tmpdir(), `hrflow-connectors-tests-${process.pid}`) },
      // ...one folder per worker process: files run in parallel and must not share leases or state.
      setupFiles: [fileURLToPath(new URL("./vitest.worker-home.ts", import.meta.url))],
    },
  });
}
