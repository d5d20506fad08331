import { defineConfig } from "vitest/config";

// One process runs every package's tests; the source condition lets tests import sibling
// packages' TypeScript directly, so a test never runs against a stale dist.
export default defineConfig({
  ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
  resolve: { conditions: ["@hrflow-connectors/source"] },
  test: {
    // packages/reliability is one of them: the fault proof (seeded faults on every connector's actions).
    projects: ["packages/*/vitest.config.ts", "tools/*/vitest.config.ts", "examples/vitest.config.ts"],
    // The JSON report feeds the "N passed, N failed" line that .ci/run prints last.
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
