import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
  resolve: { conditions: ["@hrflow-connectors/source"] },
  test: {
    name: "bullmq",
    include: ["test/**/*.test.ts"],
    environment: "node",
    // One real Redis for the whole project, started (and installed when missing) by scripts/redis.mjs.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
