import { getAisle } from "@hrflow-connectors/core/contracts";
import { describe, expect, it } from "vitest";
import {
  LeverJobsAisle,
  LeverJobWarehouse,
  LeverOpportunityTarget,
  LeverProfilesAisle,
  LeverProfileWarehouse,
  LeverWarehouse,
  WRITE_BATCH_SIZE,
} from "../src/index.js";

describe("the Lever aisles (the one I/O contract the older actions are views of)", () => {
  it("are the flow-style warehouse's aisles, one per entity, under the Lever credentials", () => {
    expect(getAisle(LeverWarehouse, "job")).toBe(LeverJobsAisle);
    expect(getAisle(LeverWarehouse, "profile")).toBe(LeverProfilesAisle);
    expect(Object.keys(LeverWarehouse.auth.shape)).toEqual([
      "auth_domain",
      "client_domain",
      "client_id",
      "client_secret",
      "authorization_code",
    ]);
  });

  it("give the older warehouses their endpoints, incremental token and batch size", () => {
    expect(LeverJobWarehouse.read?.endpoints?.map((e) => e.url)).toEqual([
      "https://{client_domain}.lever.co/v1/postings",
    ]);
    expect(LeverJobWarehouse.read?.incremental).toBeUndefined();
    const token = LeverProfileWarehouse.read?.incremental?.token;
    expect(token?.({ id: "o1", updatedAt: 1_700_000_000_000, profile: [] })).toBe("1700000000000");
    expect(LeverOpportunityTarget.read).toBe(LeverProfileWarehouse.read);
    expect(LeverOpportunityTarget.write?.batchSize).toBe(WRITE_BATCH_SIZE);
    expect(LeverOpportunityTarget.write?.endpoints?.map((e) => e.name)).toEqual(["Post Profile"]);
  });
});
