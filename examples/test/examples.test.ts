import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { startFakeWorkable } from "@hrflow-connectors/workable/testing";
import { afterAll, describe, expect, it, vi } from "vitest";

const root = resolve(fileURLToPath(import.meta.url), "../../..");

/**
 * The README's code blocks that stand for an example file: a `<!-- example: path -->` line, then a
 * fenced block. Returns each block's path and text.
 */
function readmeExamples(readme: string): { path: string; code: string }[] {
  const found: { path: string; code: string }[] = [];
  const marker = /<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g;
  for (const m of readme.matchAll(marker)) found.push({ path: m[1]!, code: m[2]! });
  return found;
}

describe("README examples", () => {
  it("embed the example files verbatim", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    const blocks = readmeExamples(readme);
    expect(blocks.map((b) => b.path)).toEqual(["examples/workable-jobs.ts"]);
    for (const block of blocks) {
      const file = await readFile(join(root, block.path), "utf8");
      expect(block.code, `README block for ${block.path} must equal the file; copy the file into it`).toBe(
        file,
      );
    }
  });

  it("notices a README block that drifted from its file (the check can fail)", () => {
    const drifted = readmeExamples("<!-- example: a.ts -->\n```ts\nconst a = 2;\n```\n");
    expect(drifted).toEqual([{ path: "a.ts", code: "const a = 2;\n" }]);
    expect(drifted[0]!.code).not.toBe("const a = 1;\n");
  });
});

describe("examples/workable-jobs.ts, run as written against the fakes", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
  });

  it("creates the published jobs on the board, then updates them; a second run says why it wrote nothing", async () => {
    // Few jobs: the client keeps Workable's real limit (10 requests per 10 s) as the example does.
    const workable = await startFakeWorkable({ jobs: 4, seed: 3 });
    const hrflow = await startFakeHrFlow();
    try {
      const board = hrflow.addBoard();
      Object.assign(process.env, {
        WORKABLE_TOKEN: workable.auth.api_access_token,
        WORKABLE_SUBDOMAIN: workable.auth.subdomain,
        WORKABLE_BASE_URL: workable.baseUrl,
        HRFLOW_API_SECRET: hrflow.auth.api_secret,
        HRFLOW_API_USER: hrflow.auth.api_user,
        HRFLOW_BASE_URL: hrflow.baseUrl,
        HRFLOW_BOARD_KEY: board,
        HRFLOW_CONNECTORS_HOME: await mkdtemp(join(tmpdir(), "example-home-")),
      });
      const printed: string[] = [];
      vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
        printed.push(args.join(" ").trim());
      });
      // The example runs its main() without top-level await: wait for its two lines.
      await import("../workable-jobs.js");
      await vi.waitFor(() => expect(printed).toHaveLength(2), { timeout: 60_000, interval: 50 });
      // A second evaluation of the file is the user's second run.
      // (A variable: the query string is vitest's, not a file tsc could resolve.)
      const secondRun = "../workable-jobs.js?second-run";
      await import(secondRun);
      await vi.waitFor(() => expect(printed).toHaveLength(4), { timeout: 60_000, interval: 50 });
      vi.restoreAllMocks();

      const published = workable.jobs.filter((j) => j.state === "published");
      expect(published.length).toBeGreaterThan(0);
      expect(printed).toEqual([
        `create: success, ${published.length} written`,
        `update: success, ${published.length} written`,
        `create: success, 0 written: ${published.length} already up to date`,
        "update: success, 0 written: nothing new or changed since the last incremental run",
      ]);
      expect(process.exitCode ?? 0).toBe(0);
      const onBoard = hrflow.jobs(board);
      expect(onBoard.map((j) => [j.reference, j.name]).sort()).toEqual(
        published.map((j) => [j.shortcode, j.title]).sort(),
      );
    } finally {
      await Promise.all([workable.close(), hrflow.close()]);
    }
  });
});
