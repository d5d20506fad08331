import { defineConnector, defineWarehouse, type ReadContext, type RunOptions } from "@hrflow-connectors/core";
import { defineLegacyWarehouse } from "@hrflow-connectors/core/legacy";
import { hermeticRuntime } from "@hrflow-connectors/core/testing";
import { afterAll, beforeEach } from "vitest";
import { z } from "zod";
import {
  HrFlowJobWarehouse,
  HrFlowProfileParsingWarehouse,
  HrFlowProfileWarehouse,
  HrFlowWarehouse,
} from "../src/index.js";
import { type FakeHrFlow, type FakeHrFlowOptions, startFakeHrFlow } from "../src/testing/index.js";

/** What the test vendor holds: items to read (optionally failing midway) and items written to it. */
export class Vendor {
  items: Record<string, unknown>[] = [];
  failAfter: number | null = null;
  written: unknown[] = [];

  /** Back to an empty vendor, as each test starts. */
  reset(): void {
    this.items = [];
    this.failAfter = null;
    this.written = [];
  }

  async *read(): AsyncGenerator<Record<string, unknown>> {
    let n = 0;
    for (const item of this.items) {
      if (this.failAfter !== null && n >= this.failAfter) throw new Error("vendor API went away");
      n++;
      yield structuredClone(item);
    }
  }
}

const vendorAuth = z.object({ token: z.string().describe("Vendor token") });
const none = z.object({});

/** A test connector whose vendor side is in memory and whose HrFlow side is the real warehouse. */
export function testConnector(vendor: Vendor) {
  const read = {
    parameters: { create: none, update: none, archive: none },
    read: (_ctx: ReadContext) => vendor.read(),
  };
  const write = {
    parameters: { create: none, update: none, archive: none },
    write: async (_ctx: unknown, items: unknown[]) => {
      vendor.written.push(...items);
      return [];
    },
  };
  const legacyVendor = defineLegacyWarehouse({
    name: "Vendor",
    read: { parameters: none, read: () => vendor.read() },
    write: { parameters: none, write: write.write },
  });
  const identity = (x: unknown) => x;
  return defineConnector({
    name: "Vendor",
    subtype: "vendor",
    description: "In-memory vendor",
    url: "https://vendor.test",
    type: "Other",
    warehouse: defineWarehouse({
      name: "Vendor",
      auth: vendorAuth,
      aisles: [
        { entity: "job", auth: vendorAuth, read, write },
        { entity: "profile", auth: vendorAuth, read, write },
      ],
    }),
    hrflow: HrFlowWarehouse,
    flows: [
      { mode: "create", entity: "job", direction: "inbound" },
      { mode: "update", entity: "job", direction: "inbound" },
      { mode: "archive", entity: "job", direction: "inbound" },
      { mode: "create", entity: "profile", direction: "inbound" },
      { mode: "update", entity: "profile", direction: "inbound" },
      { mode: "archive", entity: "profile", direction: "inbound" },
      { mode: "create", entity: "profile", direction: "outbound" },
      { mode: "update", entity: "profile", direction: "outbound" },
      { mode: "archive", entity: "profile", direction: "outbound" },
    ],
    legacyActions: [
      {
        name: "pull_job_list",
        trigger: "pull",
        description: "jobs",
        origin: legacyVendor,
        target: HrFlowJobWarehouse,
        format: identity,
      },
      {
        name: "pull_profile_list",
        trigger: "pull",
        description: "profiles",
        origin: legacyVendor,
        target: HrFlowProfileWarehouse,
        format: identity,
      },
      {
        name: "push_profile",
        trigger: "catch",
        description: "push",
        origin: HrFlowProfileWarehouse,
        target: legacyVendor,
        format: identity,
      },
      {
        name: "pull_resume_attachment_list",
        trigger: "pull",
        description: "resumes",
        origin: legacyVendor,
        target: HrFlowProfileParsingWarehouse,
        format: identity,
      },
    ],
  });
}

/** Run options pointing at the fake, with fast retries and everything kept in memory. */
export function runtime(fake: FakeHrFlow, extra: RunOptions = {}) {
  return hermeticRuntime({
    baseUrls: { hrflow: fake.baseUrl },
    http: { retry: { retries: 4, baseDelayMs: 1, maxDelayMs: 200 }, timeoutMs: 2_000 },
    ...extra,
  });
}

/** Options of a flow action with the fake's credentials. */
export function flowOptions<Pull, Push>(fake: FakeHrFlow, pull: Pull, push: Push) {
  return {
    workflow_id: "test",
    connector_auth: { token: "vendor-token" },
    hrflow_auth: fake.auth,
    pull_parameters: pull,
    push_parameters: push,
  };
}

/**
 * One fake HrFlow for the calling test file (await it at the top level), with its request log
 * and armed faults cleared before each test.
 */
export async function useFakeHrFlow(options?: FakeHrFlowOptions): Promise<FakeHrFlow> {
  const fake = await startFakeHrFlow(options);
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.reset();
    fake.clearFaults();
  });
  return fake;
}

/** The fake, plus an in-memory vendor (emptied before each test) and the test connector between them. */
export async function useHarness() {
  const fake = await useFakeHrFlow();
  const vendor = new Vendor();
  beforeEach(() => vendor.reset());
  return { fake, vendor, connector: testConnector(vendor) };
}
