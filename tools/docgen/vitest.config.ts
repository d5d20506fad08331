import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
  resolve: { conditions: ["@hrflow-connectors/source"] },
  test: { name: "docgen", include: ["test/**/*.test.ts"], environment: "node" },
});
