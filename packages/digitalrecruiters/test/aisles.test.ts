import { createLogger, openWrite, silentSink } from "@hrflow-connectors/core";
import { getAisle } from "@hrflow-connectors/core/contracts";
import { afterEach, describe, expect, it } from "vitest";
import {
  DigitalRecruitersJobsAisle,
  DigitalRecruitersProfilesAisle,
  DigitalRecruitersWarehouse,
} from "../src/index.js";
import { type FakeDigitalRecruiters, startFakeDigitalRecruiters } from "../src/testing/index.js";

let dr: FakeDigitalRecruiters | undefined;
afterEach(() => dr?.close());

const base = {
  baseUrls: {},
  http: { rateLimits: { digitalrecruiters: { requests: 1000, perMs: 1000 } } },
  signal: new AbortController().signal,
  logger: createLogger({ sink: silentSink }),
};

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("the DigitalRecruiters aisles (the one I/O contract the older actions are views of)", () => {
  it("are the flow-style warehouse's aisles, one per entity", () => {
    expect(getAisle(DigitalRecruitersWarehouse, "job")).toBe(DigitalRecruitersJobsAisle);
    expect(getAisle(DigitalRecruitersWarehouse, "profile")).toBe(DigitalRecruitersProfilesAisle);
  });

  it("read job ads and applications with each operation's own credentials out of one auth", async () => {
    dr = await startFakeDigitalRecruiters({ jobAds: 3, applications: 2 });
    const environment_url = dr.baseUrl;
    const auth = { ...dr.jobsParameters, ...dr.profilesParameters, environment_url };
    const read = { ...base, mode: "create" as const, auth, incremental: false, incrementalToken: null };
    const ads = await collect(DigitalRecruitersJobsAisle.read!.read({ ...read, parameters: {} }));
    expect(ads.map((a) => a.reference)).toEqual(dr.jobAds.map((a) => a.reference));
    const parameters = { limit: 50, page: 1 };
    const applications = await collect(DigitalRecruitersProfilesAisle.read!.read({ ...read, parameters }));
    expect(applications.map((a) => a.id)).toEqual(dr.applications.map((a) => a.id));
  });

  it("refuses an operation whose credentials are missing, naming them, before any request", async () => {
    dr = await startFakeDigitalRecruiters({ jobAds: 1 });
    const environment_url = dr.baseUrl;
    // Only the public-API login: the job-ad export and the apply endpoint need the token.
    const auth = { ...dr.profilesParameters, environment_url };
    const ctx = {
      ...base,
      mode: "create" as const,
      auth,
      parameters: {},
      incremental: false,
      incrementalToken: null,
    };
    await expect(collect(DigitalRecruitersJobsAisle.read!.read(ctx))).rejects.toThrow(
      "DigitalRecruiters job-ad export needs token in its auth",
    );
    const write = {
      ...base,
      mode: "create" as const,
      auth,
      parameters: { job_reference: "R", message: "m" },
    };
    const session = openWrite(DigitalRecruitersProfilesAisle.write!, write);
    await expect(session.write([])).rejects.toThrow("DigitalRecruiters apply needs token in its auth");
    const login = { token: dr.token, environment_url };
    const profiles = DigitalRecruitersProfilesAisle.read!.read({
      ...ctx,
      auth: login,
      parameters: { limit: 50, page: 1 },
    });
    await expect(collect(profiles)).rejects.toThrow(
      "DigitalRecruiters job-applications read needs api_key, username, password in its auth",
    );
    expect(dr.requests.count()).toBe(0);
  });
});
