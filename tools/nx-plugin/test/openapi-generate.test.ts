import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OPENAPI_GENERATE } from "../src/generate.js";

// The shared generator (scripts/openapi-generate.mjs) on a description that uses every construct it
// maps; the schemas are then imported and typechecked as a connector package would.

const run = promisify(execFile);
const repo = resolve(fileURLToPath(import.meta.url), "../../../..");

const DESCRIPTION = `openapi: 3.0.3
info: { title: fixture, version: "1" }
paths: {}
components:
  schemas:
    Loose:
      type: object
      additionalProperties: true
      required: [id]
      properties:
        id: { type: string, minLength: 1, x-error-message: needs an id, description: The id }
        note: { type: string, nullable: true, description: A note }
        any: {}
    Strip:
      type: object
      properties:
        n: { type: integer, enum: [1, 2] }
    Strict:
      type: object
      additionalProperties: false
      properties:
        s: { type: string, enum: [""] }
    Extended:
      allOf:
        - $ref: "#/components/schemas/Loose"
        - type: object
          required: [note]
          properties:
            note: { type: string, pattern: '^\\d+$' }
            more: { oneOf: [{ type: number }, { type: string }] }
    Holder:
      type: object
      required: [loose]
      properties:
        loose:
          allOf: [{ $ref: "#/components/schemas/Loose" }]
          nullable: true
          description: Wrapped
        tags: { type: object, additionalProperties: { type: string } }
        list: { type: array, default: [], items: { type: string } }
        urls:
          type: object
          properties: { list: { type: string } }
          additionalProperties: { type: string }
`;

let dir = "";
let gen: Record<string, z.ZodType>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "openapi-generate-"));
  await symlink(join(repo, "node_modules"), join(dir, "node_modules"), "dir");
  await mkdir(join(dir, "src"));
  await writeFile(join(dir, "openapi.yaml"), DESCRIPTION);
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  await run(process.execPath, [OPENAPI_GENERATE, "openapi.yaml", "src/fixture"], { cwd: dir });
  gen = await import(join(dir, "src/fixture.zod.ts"));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const json = (s: z.ZodType) => z.toJSONSchema(s, { io: "input" }) as Record<string, any>;

describe("scripts/openapi-generate.mjs", () => {
  it("maps additionalProperties to zod's unknown-key policy", () => {
    const extra = { id: "a", other: 1 };
    expect(gen.LooseSchema!.parse(extra)).toEqual(extra);
    expect(gen.StripSchema!.parse({ n: 1, other: 1 })).toEqual({ n: 1 });
    expect(gen.StrictSchema!.safeParse({ other: 1 }).success).toBe(false);
    const holder = (value: object) => gen.HolderSchema!.parse(value) as { urls?: unknown; list?: unknown };
    expect(holder({ loose: null, urls: { list: "l", show: "s" } }).urls).toEqual({ list: "l", show: "s" });
    expect(gen.HolderSchema!.safeParse({ loose: null, urls: { show: 1 } }).success).toBe(false);
    expect(holder({ loose: null }).list).toEqual([]);
  });

  it("keeps descriptions, nullability, literals and messages where the docs read them", () => {
    const holder = json(gen.HolderSchema!);
    expect(holder.required).toEqual(["loose"]);
    expect(holder.properties.loose.description).toBe("Wrapped");
    expect(holder.properties.loose.anyOf[1]).toEqual({ type: "null" });
    expect(holder.properties.tags).toMatchObject({ additionalProperties: { type: "string" } });
    const loose = json(gen.LooseSchema!);
    expect(loose.additionalProperties).toEqual({});
    expect(loose.required).toEqual(["id"]);
    expect(loose.properties.note).toEqual({ description: "A note", type: ["string", "null"] });
    expect(json(gen.StripSchema!).properties.n.anyOf.map((l: { const: number }) => l.const)).toEqual([1, 2]);
    expect(json(gen.StrictSchema!).properties.s).toMatchObject({ const: "" });
    const issue = gen.LooseSchema!.safeParse({ id: "" }).error?.issues[0];
    expect(issue?.message).toBe("needs an id");
  });

  it("merges allOf in place: a later part overrides a key where it stood", () => {
    const extended = json(gen.ExtendedSchema!);
    expect(Object.keys(extended.properties)).toEqual(["id", "note", "any", "more"]);
    expect(extended.required).toEqual(["id", "note"]);
    expect(extended.additionalProperties).toEqual({});
    expect(gen.ExtendedSchema!.safeParse({ id: "a", note: "12" }).success).toBe(true);
    expect(gen.ExtendedSchema!.safeParse({ id: "a", note: "x" }).success).toBe(false);
  });

  it("proves at compile time that the schemas and openapi-typescript's types agree", async () => {
    const zod = await readFile(join(dir, "src/fixture.zod.ts"), "utf8");
    // A copy that drifted from the types (as a hand edit would) must not compile.
    const drifted = zod.replace(
      'note: z.string().nullish().describe("A note")',
      "note: z.number().nullish()",
    );
    expect(drifted).not.toBe(zod);
    await writeFile(join(dir, "src/drifted.zod.ts"), drifted);
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(repo, "tsconfig.base.json"),
        compilerOptions: { noEmit: true },
        include: ["src"],
      }),
    );
    const tsc = join(repo, "node_modules/typescript/bin/tsc");
    const failed = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir }).then(
      () => "",
      (err: { stdout: string }) => err.stdout,
    );
    const errors = failed.split("\n").filter((l) => l.includes("error TS"));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((l) => !(l.startsWith("src/drifted.zod.ts") && l.includes("TS2344")))).toEqual([]);
  }, 60_000);
});
