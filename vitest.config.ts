import { defineConfig } from "vitest/config";

// One process runs every package's tests; the source condition lets tests import sibling
// packages' TypeScript directly, so a test never runs against a stale dist.
export default defineConfig({
  ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
  resolve: { conditions: ["@hrflow-connectors/source"] },
  test: {
    projects: ["packages/*", "tools/*"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
