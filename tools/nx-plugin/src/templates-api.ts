import type { Names } from "./names.js";

/** The package manifest, configs and the OpenAPI stub of a new connector. */
export function apiFiles(n: Names): Record<string, string> {
  const pkg = {
    name: `@hrflow-connectors/${n.id}`,
    version: "0.1.0",
    description: `${n.pascal} connector for HrFlow.ai: move jobs from ${n.pascal} to HrFlow.ai.`,
    license: "Apache-2.0",
    // What npm shows and `npm run check:packages` requires (the generator copies the root LICENSE).
    homepage: `https://github.com/Riminder/hrflow-connectors-ts/tree/main/packages/${n.id}#readme`,
    repository: {
      type: "git",
      url: "git+https://github.com/Riminder/hrflow-connectors-ts.git",
      directory: `packages/${n.id}`,
    },
    bugs: { url: "https://github.com/Riminder/hrflow-connectors-ts/issues" },
    keywords: ["hrflow", "hrflow.ai", "hr", "recruiting", "connector", n.id],
    type: "module",
    engines: { node: ">=20.19" },
    files: ["dist", "src", "openapi.yaml", "docs", "README.md", "LICENSE"],
    exports: {
      ".": {
        "@hrflow-connectors/source": "./src/index.ts",
        types: "./dist/index.d.ts",
        default: "./dist/index.js",
      },
      "./testing": {
        "@hrflow-connectors/source": "./src/testing/index.ts",
        types: "./dist/testing/index.d.ts",
        default: "./dist/testing/index.js",
      },
      "./package.json": "./package.json",
    },
    scripts: {
      generate: `node ../../scripts/openapi-generate.mjs openapi.yaml src/generated/${n.id}`,
      build: "tsc -p tsconfig.build.json",
      typecheck: "tsc -p tsconfig.json --noEmit",
      // A clean dist: files of deleted sources must not ship.
      prepack: `node -e "require('node:fs').rmSync('dist',{recursive:true,force:true})" && nx run @hrflow-connectors/${n.id}:build`,
    },
    dependencies: {
      "@hrflow-connectors/core": "^0.1.0",
      "@hrflow-connectors/hrflow": "^0.1.0",
      "openapi-fetch": "^0.17.0",
      zod: "^4.6.7",
    },
    hrflowConnector: { export: n.pascal },
    publishConfig: { access: "public" },
  };
  return {
    "package.json": `${JSON.stringify(pkg, null, 2)}\n`,
    "tsconfig.json": `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": ".", "noEmit": true },
  "include": ["src", "test"]
}
`,
    "tsconfig.build.json": `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "noEmit": false },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"]
}
`,
    "vitest.config.ts": `import { defineProject } from "vitest/config";

export default defineProject({
  ssr: { resolve: { conditions: ["@hrflow-connectors/source"] } },
  resolve: { conditions: ["@hrflow-connectors/source"] },
  test: { name: "${n.id}", include: ["test/**/*.test.ts"], environment: "node", testTimeout: 30_000 },
});
`,
    "openapi.yaml": `# The subset of the ${n.pascal} API the connector calls, written from the vendor's docs.
# \`npm run generate\` turns it into src/generated/${n.id}.ts (types) and ${n.id}.zod.ts (zod schemas);
# replace this stub with the real paths.
openapi: 3.0.3
info:
  title: ${n.pascal} API (subset)
  version: "1"
servers:
  - url: https://api.${n.id}.example/v1
security:
  - bearer: []
paths:
  /jobs:
    get:
      operationId: listJobs
      summary: Lists jobs, one page at a time
      parameters:
        - name: page
          in: query
          schema: { type: integer, minimum: 1 }
        - name: updated_after
          in: query
          description: Only jobs changed after this ISO 8601 date
          schema: { type: string }
      responses:
        "200":
          description: One page of jobs
          content:
            application/json:
              schema: { $ref: "#/components/schemas/JobPage" }
        "401":
          description: Missing or wrong API key
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  schemas:
    # The job as the connector reads it: the descriptions are the docs' (src/generated/${n.id}.zod.ts
    # carries them), additionalProperties keeps the fields the connector does not map.
    Job:
      type: object
      additionalProperties: true
      required: [id, title]
      properties:
        id: { type: string, description: Job id }
        title: { type: string, description: Job title }
        description: { type: string, nullable: true, description: Description }
        location: { type: string, nullable: true, description: Location }
        updated_at: { type: string, nullable: true, description: Last change (ISO 8601) }
    JobPage:
      type: object
      required: [jobs]
      properties:
        jobs:
          type: array
          items: { $ref: "#/components/schemas/Job" }
        next_page: { type: integer, nullable: true }
`,
  };
}
