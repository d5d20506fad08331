import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers.js";

// A connector package installed into a temporary project, as a user would install one: the CLI must
// find it from the working directory. Its warehouses are files, so the test can see what the CLI
// process read and wrote: the read yields a JSON array, the write appends JSON lines.
const INDEX = `
import { appendFileSync, readFileSync } from "node:fs";
import { defineConnector, defineWarehouse } from "@hrflow-connectors/core";
import { z } from "zod";

const pull = z.object({
  file: z.string().describe("JSON file holding the items to read"),
  limit: z.number().int().positive().optional().describe("Read at most this many items"),
});
const push = z.object({
  out: z.string().describe("JSONL file the items are appended to"),
  reject: z.array(z.number()).default([]).describe("Ids the target refuses"),
});

function aisle(auth) {
  return {
    entity: "job",
    auth,
    read: {
      parameters: { create: pull },
      incremental: { create: { token: (item) => String(item.id) } },
      read: async function* (ctx) {
        const after = ctx.incremental && ctx.incrementalToken ? Number(ctx.incrementalToken) : 0;
        const items = JSON.parse(readFileSync(ctx.parameters.file, "utf8"));
        let n = 0;
        for (const item of items) {
          if (item.id <= after) continue;
          if (ctx.parameters.limit && n >= ctx.parameters.limit) return;
          n++;
          yield item;
        }
      },
    },
    write: {
      parameters: { create: push },
      write: async (ctx, items) => {
        const failed = [];
        for (const item of items) {
          if (ctx.parameters.reject.includes(item.id)) failed.push({ item, error: "refused id " + item.id });
          else appendFileSync(ctx.parameters.out, JSON.stringify(item) + "\\n");
        }
        return failed;
      },
    },
  };
}

const vendorAuth = z.object({ token: z.string().describe("Vendor token").meta({ secret: true }) });
const hrflowAuth = z.object({
  api_secret: z.string().describe("HrFlow key").meta({ secret: true }),
  api_user: z.string().describe("HrFlow user"),
});

export const Fixture = defineConnector({
  name: "Fixture",
  subtype: "fixture",
  description: "A connector for the CLI tests",
  url: "https://fixture.test",
  type: "Other",
  warehouse: defineWarehouse({ name: "Fixture", auth: vendorAuth, aisles: [aisle(vendorAuth)] }),
  hrflow: defineWarehouse({ name: "HrFlow", auth: hrflowAuth, aisles: [aisle(hrflowAuth)] }),
  flows: [{ mode: "create", entity: "job", direction: "inbound", format: (i) => ({ ...i, formatted: true }) }],
  legacyActions: [
    {
      name: "pull_job_list",
      trigger: "pull",
      description: "Pulls jobs",
      origin: { name: "Fixture Jobs", read: { parameters: vendorAuth.extend(pull.shape), read: aisle().read.read } },
      target: { name: "HrFlow Jobs", write: { parameters: push, write: aisle().write.write } },
      format: (i) => ({ ...i, legacy: true }),
    },
  ],
});
`;

/** Creates a project directory with the fixture connector installed; returns its path. */
export function fixtureProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "hrflow-cli-"));
  const scope = join(dir, "node_modules/@hrflow-connectors");
  const pkg = join(scope, "fixture");
  mkdirSync(pkg, { recursive: true });
  // The same core and zod as the CLI, by symlink, as npm would dedupe them.
  symlinkSync(join(ROOT, "packages/core"), join(scope, "core"), "dir");
  symlinkSync(join(ROOT, "node_modules/zod"), join(dir, "node_modules/zod"), "dir");
  writeFileSync(
    join(pkg, "package.json"),
    JSON.stringify({
      name: "@hrflow-connectors/fixture",
      version: "1.2.3",
      type: "module",
      exports: { ".": "./index.js" },
      hrflowConnector: { export: "Fixture" },
    }),
  );
  writeFileSync(join(pkg, "index.js"), INDEX);
  return dir;
}
