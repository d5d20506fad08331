import type { Names } from "./names.js";

/** The fake vendor server, the tests and the README of a new connector. */
export function testFiles(n: Names): Record<string, string> {
  return {
    "src/testing/server.ts": `import {
  FakeHttpError,
  type FakeRequest,
  type FakeResponse,
  type RequestLog,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import type { ${n.pascal}Job } from "../objects.js";

/** A running in-memory ${n.pascal} API on 127.0.0.1. */
export interface Fake${n.pascal} {
  /** Pass it as \`baseUrls: { ${n.id}: fake.baseUrl }\`. */
  baseUrl: string;
  /** Ready-made \`connector_auth\`. */
  auth: { api_key: string };
  readonly jobs: ${n.pascal}Job[];
  requests: RequestLog;
  close(): Promise<void>;
}

const PAGE_SIZE = 2;

/** Starts the fake with \`jobs\` generated jobs, two per page, behind a bearer key. */
export async function startFake${n.pascal}(options: { jobs?: number } = {}): Promise<Fake${n.pascal}> {
  const apiKey = \`key-\${Math.random().toString(36).slice(2)}\`;
  const jobs: ${n.pascal}Job[] = Array.from({ length: options.jobs ?? 0 }, (_, i) => ({
    id: \`job-\${i + 1}\`,
    title: \`Job \${i + 1}\`,
    description: \`What job \${i + 1} is about\`,
    location: "Paris",
    updated_at: \`2024-01-\${String(i + 1).padStart(2, "0")}T00:00:00Z\`,
  }));
  const handle = (req: FakeRequest): FakeResponse => {
    if (req.method !== "GET" || req.route !== "/jobs") throw new FakeHttpError(404, "Not found");
    const after = req.query.get("updated_after");
    const matching = jobs.filter((j) => !after || (j.updated_at ?? "") > after);
    const page = Number(req.query.get("page") ?? "1");
    const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const more = page * PAGE_SIZE < matching.length;
    return { status: 200, body: { jobs: slice, next_page: more ? page + 1 : null } };
  };
  const server = await startFakeServer({
    basePath: "/v1",
    handle,
    guard: (req) => {
      if (req.headers.authorization !== \`Bearer \${apiKey}\`) throw new FakeHttpError(401, "Unauthorized");
      return undefined;
    },
  });
  return {
    baseUrl: server.baseUrl,
    auth: { api_key: apiKey },
    jobs,
    requests: server.requests,
    close: () => server.close(),
  };
}
`,
    "src/testing/index.ts": `export * from "./server.js";
`,
    [`test/${n.id}.test.ts`]: `import { closeAll, hermeticRuntime } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { describe, expect, it } from "vitest";
import { ${n.pascal}, formatJob } from "../src/index.js";
import { startFake${n.pascal} } from "../src/testing/index.js";

async function fakes(jobs: number) {
  const vendor = await startFake${n.pascal}({ jobs });
  const hrflow = await startFakeHrFlow();
  const runtime = hermeticRuntime({ baseUrls: { ${n.id}: vendor.baseUrl, hrflow: hrflow.baseUrl } });
  return { vendor, hrflow, runtime, close: () => closeAll(vendor, hrflow) };
}

describe("${n.pascal}", () => {
  it("formats a job for HrFlow.ai", () => {
    const job = { id: "j1", title: "Welder", description: "Welds", location: "Lyon", updated_at: "2024-01-01T00:00:00Z" };
    expect(formatJob(job)).toMatchObject({ reference: "j1", name: "Welder", summary: "Welds", location: { text: "Lyon" } });
  });

  it("creates every job of every page in the board", async () => {
    const f = await fakes(5);
    try {
      const board = f.hrflow.addBoard();
      const res = await ${n.pascal}.createJobsInHrflow(
        { workflow_id: "w", connector_auth: f.vendor.auth, hrflow_auth: f.hrflow.auth, push_parameters: { board_key: board } },
        f.runtime.options,
      );
      expect([res.status, res.written]).toEqual(["success", 5]);
      expect(f.hrflow.jobs(board).map((j) => j.name).sort()).toEqual(["Job 1", "Job 2", "Job 3", "Job 4", "Job 5"]);
      expect(f.vendor.requests.count({ route: "/jobs" })).toBe(3);
    } finally {
      await f.close();
    }
  });

  it("refuses a wrong key before writing anything", async () => {
    const f = await fakes(1);
    try {
      const board = f.hrflow.addBoard();
      const res = await ${n.pascal}.createJobsInHrflow(
        { workflow_id: "w", connector_auth: { api_key: "wrong" }, hrflow_auth: f.hrflow.auth, push_parameters: { board_key: board } },
        f.runtime.options,
      );
      expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
      expect(f.hrflow.jobs(board)).toEqual([]);
    } finally {
      await f.close();
    }
  });
});
`,
    "test/types.test-d.ts": `// Checked by tsc (the typecheck target): the action's options come from the zod schemas.
import type { ActionOptions } from "@hrflow-connectors/core";
import type { ${n.pascal} } from "../src/index.js";

type Create = ActionOptions<typeof ${n.pascal}.createJobsInHrflow>;
export const ok: Create = {
  workflow_id: "w",
  connector_auth: { api_key: "k" },
  hrflow_auth: { api_secret: "s", api_user: "u" },
  push_parameters: { board_key: "b" },
};
// @ts-expect-error board_key is misspelled
export const misspelled: Create = { ...ok, push_parameters: { boardkey: "b" } };
`,
    "README.md": `# @hrflow-connectors/${n.id}

${n.pascal} connector for HrFlow.ai.

\`\`\`sh
npm install @hrflow-connectors/${n.id}
\`\`\`

## Actions

<!-- actions:start -->
<!-- actions:end -->
`,
  };
}
