import { openWrite } from "@hrflow-connectors/core";
import { defineLegacyWarehouse, type LegacyAction } from "@hrflow-connectors/core/legacy";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TalentSoft, withFixedReadParameters, withFixedWriteParameters } from "../src/index.js";
import {
  type Fakes,
  runtime,
  startFakes,
  toBoard,
  toSource,
  toTalentSoft,
  totalRequests,
} from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const action = (name: string) => TalentSoft.actions[name] as LegacyAction;
const fields = (schema: z.ZodObject<any>) => Object.keys(schema.shape);

describe("parameters", () => {
  it("declares every action of the original, with the pinned parameters hidden", () => {
    expect(Object.keys(TalentSoft.actions)).toEqual([
      "applicant_new",
      "applicant_resume_update",
      "applicant_update",
      "pull_profile_list",
      "pull_job_list",
      "push_profile",
    ]);
    const read = ["client_id", "client_secret", "client_url", "filter", "fileId"];
    for (const name of ["applicant_new", "applicant_resume_update", "pull_profile_list"]) {
      expect(fields(action(name).origin.read!.parameters)).toEqual(read);
    }
    expect(fields(action("applicant_update").origin.read!.parameters)).toEqual([...read, "only_resume"]);
    const hrflow = ["api_secret", "api_user", "source_key"];
    for (const name of ["applicant_new", "applicant_resume_update", "applicant_update"]) {
      expect(fields(action(name).target.write!.parameters)).toEqual(hrflow);
      expect(action(name).trigger).toBe("catch");
      expect(action(name).eventParser?.name).toMatch(/^applicant\w+Parser$/);
    }
    expect(fields(action("pull_profile_list").target.write!.parameters)).toEqual([...hrflow, "only_insert"]);
    expect(fields(action("pull_job_list").origin.read!.parameters)).toEqual([
      "client_id",
      "client_secret",
      "client_url",
      "q",
      "filter",
      "max_read",
    ]);
    expect(fields(action("push_profile").target.write!.parameters)).toEqual([
      "client_id",
      "client_secret",
      "client_url",
      "job_reference",
    ]);
    expect(action("push_profile").origin.name).toBe("HrFlow.ai Profiles");
    expect(action("push_profile").target.name).toBe("TalentSoft Profiles");
  });

  it.each([
    ["pull_job_list", { max_read: 0 }, "origin_parameters.max_read"],
    ["pull_job_list", { client_url: "ftp://tenant.example.com" }, "origin_parameters.client_url"],
    ["pull_profile_list", { client_id: undefined }, "origin_parameters.client_id"],
    ["applicant_new", { only_resume: false }, "origin_parameters.only_resume"],
  ])("%s refuses %j before any request, naming %s", async (name, origin, path) => {
    fakes = await startFakes({ vacancies: 2, candidates: 2 });
    const source = fakes.hrflow.addSource();
    const o = name === "pull_job_list" ? toBoard(fakes, "b", origin) : toSource(fakes, source, origin);
    const res = await action(name).run(o, runtime(fakes));
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(res.issues?.[0]?.path).toBe(path);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("refuses a pinned target parameter and a bad job reference, before any request", async () => {
    fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    const o = toSource(fakes, source);
    const pinned = await action("applicant_new").catch(
      { applicantId: "_TS-0001" },
      { ...o, target_parameters: { ...o.target_parameters, only_insert: false } },
      runtime(fakes),
    );
    expect([pinned.reason, pinned.issues?.[0]?.message]).toEqual([
      "bad_target_parameters",
      expect.stringContaining("only_insert"),
    ]);
    const push = await TalentSoft.pushProfile(
      toTalentSoft(fakes, source, "k", { job_reference: "" }),
      runtime(fakes),
    );
    expect([push.reason, push.issues?.[0]?.path]).toEqual([
      "bad_target_parameters",
      "target_parameters.job_reference",
    ]);
    expect(totalRequests(fakes)).toBe(0);
  });

  it("refuses incremental reads of profiles, which TalentSoft cannot filter by a cursor here", async () => {
    fakes = await startFakes({ candidates: 1 });
    const source = fakes.hrflow.addSource();
    const res = await TalentSoft.pullProfileList(
      { ...toSource(fakes, source), action_parameters: { read_mode: "incremental" } },
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "origin_does_not_support_incremental"]);
    expect(totalRequests(fakes)).toBe(0);
  });
});

describe("fixed parameters", () => {
  const warehouse = defineLegacyWarehouse({
    name: "W",
    read: {
      parameters: z.object({
        a: z.string().describe("a"),
        flag: z.boolean().default(false).describe("flag"),
      }),
      read: async function* (ctx) {
        yield { parameters: ctx.parameters, auth: ctx.auth };
      },
    },
    write: {
      parameters: z.object({ list: z.array(z.string()).nullable().describe("list") }),
      write: async () => [],
    },
  });

  it("hides the pinned field and gives the warehouse the constant", async () => {
    const fixed = withFixedReadParameters(warehouse, { flag: true });
    expect(fields(fixed.read!.parameters)).toEqual(["a"]);
    const ctx = { parameters: { a: "x" }, auth: { a: "x" } } as never;
    const seen: unknown[] = [];
    for await (const item of fixed.read!.read(ctx)) seen.push(item);
    expect(seen).toEqual([{ parameters: { a: "x", flag: true }, auth: { a: "x", flag: true } }]);
  });

  it("opens each run's write session once with the pinned context, and each run its own", async () => {
    const seen: unknown[] = [];
    const fixed = withFixedWriteParameters(
      defineLegacyWarehouse({
        name: "W",
        write: {
          parameters: z.object({ list: z.array(z.string()).nullable().describe("list") }),
          write: async (ctx, _items: unknown[]) => {
            seen.push(ctx);
            return [];
          },
        },
      }),
      { list: ["tags"] },
    );
    const ctx = { parameters: {}, auth: {} } as never;
    const run = openWrite(fixed.write!, ctx);
    await run.write([]);
    await run.write([]);
    await openWrite(fixed.write!, ctx).write([]);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen[2]).toMatchObject({ parameters: { list: ["tags"] }, auth: { list: ["tags"] } });
  });

  it("checks the constant against the original field when the action is defined", () => {
    // @ts-expect-error flag is a boolean: the compiler refuses the pin too
    expect(() => withFixedReadParameters(warehouse, { flag: "yes" })).toThrow(
      /fixed value of 'flag' is invalid/,
    );
    // @ts-expect-error nope is no parameter of the write
    expect(() => withFixedWriteParameters(warehouse, { nope: 1 })).toThrow(/unknown parameter 'nope'/);
    expect(fields(withFixedWriteParameters(warehouse, { list: ["tags"] }).write!.parameters)).toEqual([]);
  });
});
