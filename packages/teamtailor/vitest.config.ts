import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
  resolve: { conditions: ["@hrflow-connectors/source"] },
  test: { name: "teamtailor", include: ["test/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
});
