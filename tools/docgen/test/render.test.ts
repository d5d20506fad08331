import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionTitle, table } from "../src/action-doc.js";
import { sampleValue } from "../src/example.js";
import { toJsonSchema } from "../src/json-schema.js";
import { MissingMarkersError, replaceBetween } from "../src/readme.js";
import { pyValue, rowsOf } from "../src/rows.js";
import { cell, typeText } from "../src/types.js";
import { parseDoc } from "./parse-doc.js";

const typeOf = (schema: z.ZodType) => {
  const json = toJsonSchema(z.object({ x: schema }), "test");
  return typeText((json.properties as Record<string, object>).x as Record<string, unknown>, json);
};

describe("types", () => {
  it.each([
    [z.string(), "string"],
    [z.boolean(), "boolean"],
    [z.number(), "number"],
    [z.number().int(), "integer"],
    [z.string().nullable(), "string|null"],
    [z.enum(["archived", "closed"]), '"archived"|"closed"'],
    [z.enum(["a", "b"]).nullable().optional(), '"a"|"b"|null'],
    [z.literal("x"), '"x"'],
    [z.array(z.string()), "string[]"],
    [z.array(z.union([z.string(), z.number()])), "(string|number)[]"],
    [z.array(z.string()).nullable(), "string[]|null"],
    [z.union([z.string(), z.number().int()]).nullable(), "string|integer|null"],
    [z.object({ a: z.string() }), "object"],
    [z.record(z.string(), z.number()), "object"],
    [z.custom<() => void>((v) => typeof v === "function"), "any"],
    [z.string().meta({ docType: "Date" }), "Date"],
  ])("renders %# as %s", (schema, expected) => {
    expect(typeOf(schema as z.ZodType)).toBe(expected);
  });

  it("escapes pipes and newlines for a table cell", () => {
    expect(cell('"a"|null')).toBe('"a"\\|null');
    expect(cell("one\ntwo")).toBe("one two");
  });
});

describe("rows", () => {
  const schema = z.object({
    name: z.string().describe("Name"),
    edit: z.boolean().default(false).describe("Edit"),
    limit: z.number().int().default(100),
    message: z.string().default("message du candidat"),
    tags: z.array(z.string()).default([]),
    fields: z.array(z.string()).nullable().describe("Required although nullable"),
    maybe: z.string().optional(),
    labelled: z.string().default("x").meta({ docDefault: "SomeEnum.x" }),
    hidden: z.string().optional().meta({ skipFromDocs: true }),
    fn: z.custom<() => void>().default(() => function formatThing() {}),
  });

  it("reads name, required marker, Python-style default and description in declaration order", () => {
    const rows = rowsOf(schema, "test").map(({ json, ...r }) => r);
    expect(rows).toEqual([
      { field: "name", type: "string", default: "None", description: "Name", required: true },
      { field: "edit", type: "boolean", default: "False", description: "Edit", required: false },
      { field: "limit", type: "integer", default: "100", description: "", required: false },
      { field: "message", type: "string", default: "message du candidat", description: "", required: false },
      { field: "tags", type: "string[]", default: "[]", description: "", required: false },
      {
        field: "fields",
        type: "string[]|null",
        default: "None",
        description: "Required although nullable",
        required: true,
      },
      { field: "maybe", type: "string", default: "None", description: "", required: false },
      { field: "labelled", type: "string", default: "SomeEnum.x", description: "", required: false },
      {
        field: "fn",
        type: "any",
        default: "[`formatThing`](../src/format.ts)",
        description: "",
        required: false,
      },
    ]);
  });

  it("prints values like the original", () => {
    expect(pyValue(null)).toBe("None");
    expect(pyValue(true)).toBe("True");
    expect(pyValue(["tags", "metadatas"])).toBe("['tags', 'metadatas']");
    expect(pyValue({ k: 1, b: [false] })).toBe("{'k': 1, 'b': [False]}");
  });

  it("renders rows with the seeds' cell layout", () => {
    const rows = rowsOf(z.object({ a: z.string().describe("A"), b: z.string().nullable().optional() }), "t");
    expect(table("T", rows)).toBe(
      "## T\n\n| Field | Type | Default | Description |\n| ----- | ---- | ------- | ----------- |\n" +
        "| `a` :red_circle: | `string` | None | A |\n| `b`  | `string\\|null` | None |  |\n\n",
    );
    const parsed = parseDoc(table("T", rows));
    expect(parsed.tables.get("T")?.[1]).toEqual({
      field: "b",
      required: false,
      type: "string\\|null",
      default: "None",
      description: "",
    });
  });

  it("titles actions like the original's title filter", () => {
    expect(actionTitle("update_jobs_in_hrflow")).toBe("Update jobs in hrflow");
    expect(actionTitle("push_profile")).toBe("Push profile");
  });
});

describe("example values", () => {
  const json = (schema: z.ZodType) =>
    (toJsonSchema(z.object({ x: schema }), "t").properties as Record<string, Record<string, unknown>>).x!;
  it.each([
    [z.string(), '"your_x"'],
    [z.number().int().default(100), "100"],
    [z.boolean().default(false), "false"],
    [z.enum(["draft", "published"]).optional(), '"draft"'],
    [z.array(z.string()).nullable(), "[]"],
    [z.union([z.number(), z.string()]).optional(), "0"],
    [z.string().meta({ examples: ["acme"] }), '"acme"'],
  ])("samples %# as %s", (schema, expected) => {
    expect(sampleValue("x", json(schema as z.ZodType))).toBe(expected);
  });
});

describe("markers", () => {
  it("replaces only what lies between the markers", () => {
    const text = "intro\n<!-- a -->\nold\n<!-- b -->\noutro\n";
    expect(replaceBetween(text, "<!-- a -->", "<!-- b -->", "new\n", "f")).toBe(
      "intro\n<!-- a -->\nnew\n<!-- b -->\noutro\n",
    );
  });

  it.each([
    ["no markers\n", /f has no <!-- a --> marker/],
    ["<!-- a -->\n", /f has no <!-- b --> marker/],
    ["<!-- b -->\n<!-- a -->\n", /<!-- b --> comes before <!-- a -->/],
    ["<!-- a --><!-- b --><!-- a --><!-- b -->", /more than one/],
  ])("rejects %j", (text, message) => {
    expect(() => replaceBetween(text, "<!-- a -->", "<!-- b -->", "x", "f")).toThrow(MissingMarkersError);
    expect(() => replaceBetween(text, "<!-- a -->", "<!-- b -->", "x", "f")).toThrow(message);
  });
});
