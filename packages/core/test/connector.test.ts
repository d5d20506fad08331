import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidFlow } from "../src/actions/index.js";
import type { AnyAisle } from "../src/contracts/index.js";
import { defineConnector, defineWarehouse } from "../src/index.js";
import { fakeHrFlowWarehouse, leadsAisle, leadsConnector, World } from "./fixtures.js";

const auth = z.object({ api_key: z.string().describe("key") });

// Each warehouse takes the aisles under its own auth schema, as defineWarehouse requires.
const withAuth = (aisles: AnyAisle[]) => aisles.map((a) => ({ ...a, auth }));

function connectorWith(aisles: AnyAisle[], flows: any[], hrflowAisles?: AnyAisle[]) {
  const world = new World();
  const hrflow = fakeHrFlowWarehouse(world);
  return defineConnector({
    name: "Leads",
    subtype: "leads",
    description: "",
    url: "",
    type: "CRM",
    warehouse: defineWarehouse({ name: "Leads", auth, aisles: withAuth(aisles) }),
    hrflow: hrflowAisles ? defineWarehouse({ name: "HrFlow", auth, aisles: withAuth(hrflowAisles) }) : hrflow,
    flows,
  });
}

describe("defineConnector", () => {
  it("names actions by mode, entity and direction, and exposes camelCase methods", () => {
    const c = leadsConnector(new World());
    expect(Object.keys(c.actions).sort()).toEqual([
      "archive_jobs_in_hrflow",
      "create_jobs_in_hrflow",
      "create_profiles_in_hrflow",
      "create_profiles_in_leads",
      "update_jobs_in_hrflow",
      "update_profiles_in_leads",
    ]);
    expect(typeof c.createJobsInHrflow).toBe("function");
    expect(typeof c.updateProfilesInLeads).toBe("function");
    expect(c.actions.create_jobs_in_hrflow?.description).toBe(
      "Send **created** 'job(s)' _from_ Leads _to_ HrFlow",
    );
  });

  it("honours an override name", () => {
    const c = leadsConnector(new World(), [
      { mode: "create", entity: "job", direction: "inbound", name: "push_leads" },
    ]);
    expect(Object.keys(c.actions)).toEqual(["push_leads"]);
  });

  it("rejects an entity the connector warehouse lacks", () => {
    const w = new World();
    expect(() =>
      connectorWith([leadsAisle(w, "profile")], [{ mode: "create", entity: "job", direction: "inbound" }]),
    ).toThrow(/Entity=job not supported by Leads warehouse/);
  });

  it("rejects an entity the HrFlow warehouse lacks", () => {
    const w = new World();
    const app = { ...leadsAisle(w, "job"), entity: "application" as const };
    expect(() =>
      connectorWith([app], [{ mode: "create", entity: "application", direction: "inbound" }]),
    ).toThrow(/Entity=application not supported by HrFlow warehouse/);
  });

  const cases: [string, (w: World) => AnyAisle, (w: World) => AnyAisle, "inbound" | "outbound", RegExp][] = [
    [
      "inbound, connector has no read",
      (w) => ({ ...leadsAisle(w, "job"), read: undefined }),
      (w) => leadsAisle(w, "job"),
      "inbound",
      /Leads warehouse is not readable in mode=update/,
    ],
    [
      "inbound, connector read lacks the mode",
      (w) => {
        const a = leadsAisle(w, "job");
        return { ...a, read: { ...a.read!, parameters: { create: a.read!.parameters.create } } };
      },
      (w) => leadsAisle(w, "job"),
      "inbound",
      /Leads warehouse is not readable/,
    ],
    [
      "inbound, HrFlow has no write",
      (w) => leadsAisle(w, "job"),
      (w) => ({ ...leadsAisle(w, "job"), write: undefined }),
      "inbound",
      /HrFlow warehouse is not writable in mode=update/,
    ],
    [
      "inbound, HrFlow write lacks the mode",
      (w) => leadsAisle(w, "job"),
      (w) => {
        const a = leadsAisle(w, "job");
        return { ...a, write: { ...a.write!, parameters: {} } };
      },
      "inbound",
      /HrFlow warehouse is not writable/,
    ],
    [
      "outbound, HrFlow has no read",
      (w) => leadsAisle(w, "job"),
      (w) => ({ ...leadsAisle(w, "job"), read: undefined }),
      "outbound",
      /HrFlow warehouse is not readable in mode=update/,
    ],
    [
      "outbound, HrFlow read lacks the mode",
      (w) => leadsAisle(w, "job"),
      (w) => {
        const a = leadsAisle(w, "job");
        return { ...a, read: { ...a.read!, parameters: {} } };
      },
      "outbound",
      /HrFlow warehouse is not readable/,
    ],
    [
      "outbound, connector has no write",
      (w) => ({ ...leadsAisle(w, "job"), write: undefined }),
      (w) => leadsAisle(w, "job"),
      "outbound",
      /Leads warehouse is not writable in mode=update/,
    ],
    [
      "outbound, connector write lacks the mode",
      (w) => {
        const a = leadsAisle(w, "job");
        return { ...a, write: { ...a.write!, parameters: {} } };
      },
      (w) => leadsAisle(w, "job"),
      "outbound",
      /Leads warehouse is not writable/,
    ],
  ];
  for (const [label, mine, theirs, direction, message] of cases) {
    it(`rejects a flow when ${label}`, () => {
      const w = new World();
      const make = () =>
        connectorWith([mine(w)], [{ mode: "update", entity: "job", direction }], [theirs(w)]);
      expect(make).toThrow(InvalidFlow);
      expect(make).toThrow(message);
    });
  }

  it("rejects duplicate action names and clashes with connector members", () => {
    const w = new World();
    const flow = { mode: "create", entity: "job", direction: "inbound" } as const;
    expect(() => leadsConnector(w, [flow, flow])).toThrow(/Duplicate action name create_jobs_in_hrflow/);
    expect(() => leadsConnector(w, [{ ...flow, name: "actions" }])).toThrow(/clashes/);
  });

  it("requires a named event parser", () => {
    const w = new World();
    const flow = { mode: "create", entity: "job", direction: "inbound" } as const;
    expect(() => leadsConnector(w, [{ ...flow, eventParser: [() => ({})][0]! }])).toThrow(/named function/);
    function parseLead(e: unknown) {
      return { pull_parameters: e as Record<string, unknown> };
    }
    expect(() => leadsConnector(w, [{ ...flow, eventParser: parseLead }])).not.toThrow();
  });

  it("rejects an invalid subtype, two aisles for one entity and an aisle of other credentials", () => {
    const w = new World();
    const aisles = withAuth([leadsAisle(w, "job"), leadsAisle(w, "job")]);
    expect(() => defineWarehouse({ name: "X", auth, aisles })).toThrow(/two aisles/);
    // The aisle's functions were typed for the fixture's auth schema, not this warehouse's.
    expect(() => defineWarehouse({ name: "X", auth, aisles: [leadsAisle(w, "job")] })).toThrow(
      "Warehouse X: the job aisle is defined for another auth schema",
    );
    expect(() =>
      defineConnector({
        name: "Smart Leads",
        subtype: "Smart Leads",
        description: "",
        url: "",
        type: "CRM",
        warehouse: defineWarehouse({ name: "X", auth, aisles: [] }),
        hrflow: fakeHrFlowWarehouse(w),
      }),
    ).toThrow(/subtype/);
  });
});
