// Type tests of the contracts, checked by `tsc` (the typecheck target, which `npm test` runs).
import { expectTypeOf } from "vitest";
import { z } from "zod";
import {
  type ActionOptions,
  defineAisle,
  defineConnector,
  defineWarehouse,
  type ReadContext,
} from "../src/index.js";

const auth = z.object({ token: z.string().describe("token") });
const listed = z.object({
  since: z.string().optional().describe("since"),
  limit: z.number().default(10).describe("n"),
});
const one = z.object({ id: z.string().describe("id") });
const push = z.object({ list: z.string().describe("list"), dry: z.boolean().default(false).describe("dry") });
const item = z.object({ id: z.string(), name: z.string().nullish() });

export const leads = defineAisle({
  entity: "job",
  auth,
  schema: item,
  read: {
    parameters: { create: listed, update: one },
    read: async function* (ctx) {
      expectTypeOf(ctx.auth).toEqualTypeOf<{ token: string }>();
      // Each mode narrows ctx.parameters to the z.output of its own schema (defaults applied).
      if (ctx.mode === "create")
        expectTypeOf(ctx.parameters).toEqualTypeOf<{ since?: string | undefined; limit: number }>();
      else expectTypeOf(ctx.parameters).toEqualTypeOf<{ id: string }>();
      yield { id: "1", raw: true };
    },
  },
  write: {
    parameters: { create: push, update: push },
    write: async (ctx, items) => {
      expectTypeOf(ctx.parameters.dry).toEqualTypeOf<boolean>();
      // Written items are the z.output of the aisle's schema.
      expectTypeOf(items).toEqualTypeOf<{ id: string; name?: string | null | undefined }[]>();
      return [];
    },
  },
});

// A read written for other parameters than the schema declares does not compile.
defineAisle({
  entity: "job",
  auth,
  schema: item,
  read: {
    parameters: { create: one },
    // @ts-expect-error this read expects `since`, which the create schema does not declare
    read: async function* (_ctx: ReadContext<{ token: string }, { since: string }>) {
      yield { id: "1" };
    },
  },
});

defineAisle({
  entity: "job",
  auth,
  schema: item,
  write: {
    parameters: { create: push },
    // @ts-expect-error the items are the schema's output, where `name` may be null
    write: async (_ctx, _items: { id: string; name: string }[]) => [],
  },
});

const Leads = defineConnector({
  name: "Leads",
  subtype: "leads",
  description: "",
  url: "",
  type: "CRM",
  warehouse: defineWarehouse({ name: "Leads", auth, aisles: [leads] }),
  hrflow: defineWarehouse({ name: "HrFlow", auth, aisles: [leads] }),
  flows: [
    { mode: "create", entity: "job", direction: "inbound" },
    { mode: "update", entity: "job", direction: "inbound" },
  ],
});

type Create = ActionOptions<typeof Leads.createJobsInHrflow>;
// Options are the z.input of each schema: defaulted fields may be left out.
expectTypeOf<Create["pull_parameters"]>().toEqualTypeOf<
  { since?: string | undefined; limit?: number | undefined } | undefined
>();
expectTypeOf<Create["push_parameters"]>().toEqualTypeOf<{ list: string; dry?: boolean | undefined }>();
type Update = ActionOptions<typeof Leads.updateJobsInHrflow>;
expectTypeOf<Update["pull_parameters"]>().toEqualTypeOf<{ id: string }>();
// @ts-expect-error no such method: no flow archives jobs
Leads.archiveJobsInHrflow;

// A flow's items are its default format's input: a caller's format and logics are typed by them.
const Listed = defineConnector({
  name: "Listed",
  subtype: "listed",
  description: "",
  url: "",
  type: "CRM",
  warehouse: defineWarehouse({ name: "Listed", auth, aisles: [leads] }),
  hrflow: defineWarehouse({ name: "HrFlow", auth, aisles: [leads] }),
  flows: [
    { mode: "create", entity: "job", direction: "inbound", format: (j: { id: string; body: string }) => j },
    { mode: "update", entity: "job", direction: "inbound", format: (j: { id: string }) => j },
  ],
});
type ListedCreate = ActionOptions<typeof Listed.createJobsInHrflow>;
type ListedUpdate = ActionOptions<typeof Listed.updateJobsInHrflow>;
export const bodyFormat: ListedCreate["format"] = (j) => j.body;
export const keepLogic: NonNullable<ListedUpdate["logics"]>[number] = (j) => j.id !== "";
// @ts-expect-error the update flow's items carry no body (its default format takes `{ id }` only)
export const bodyInUpdate: ListedUpdate["format"] = (j) => j.body;
// Without a default format the items are unknown, so any function is accepted.
export const anyFormat: Create["format"] = (j: { anything: number }) => j.anything;
