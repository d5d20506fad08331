import { afterEach, describe, expect, it } from "vitest";
import { DigitalRecruiters } from "../src/index.js";
import { type Fakes, pullAction, runtime, startFakes, startStorage, totalRequests } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const LIST = "/public/v1/job-applications/detailed";

const options = (f: Fakes, source: string, extra: Record<string, unknown> = {}) => ({
  workflow_id: "dr-profiles",
  origin_parameters: { ...f.dr.profilesParameters, ...extra },
  target_parameters: { ...f.hrflow.auth, source_key: source },
});

describe("pull_profile_list", () => {
  it("logs in, reads every page under /public/v1, fetches each CV and sends it to parsing", async () => {
    fakes = await startFakes({ jobAds: 3, applications: 23 });
    const source = fakes.hrflow.addSource();
    const res = await DigitalRecruiters.pullProfileList(
      options(fakes, source, { limit: 10 }),
      runtime(fakes),
    );
    expect([res.status, res.reason, res.written]).toEqual(["success", "none", 23]);

    const login = fakes.dr.requests.filter({ route: "/public/v1/users/login" });
    expect(login).toHaveLength(1);
    expect(login[0]!.headers["x-dr-api-key"]).toBe(fakes.dr.apiKey);
    const pages = fakes.dr.requests.filter({ route: LIST });
    expect(pages.map((r) => new URLSearchParams(r.query).get("page"))).toEqual(["1", "2", "3"]);
    expect(pages.every((r) => r.status === 200 && new URLSearchParams(r.query).get("limit") === "10")).toBe(
      true,
    );

    const withCv = fakes.dr.applications.filter((a) => a.cv);
    expect(withCv.length).toBeLessThan(23);
    expect(fakes.dr.requests.count({ route: "/files/cv/{file}", status: 200 })).toBe(withCv.length);
    // Each CV once: the paths fetched are exactly the applications' CV paths, no repeats.
    const cvPaths = fakes.dr.requests.filter({ route: "/files/cv/{file}" }).map((r) => r.path);
    expect(cvPaths.sort()).toEqual(withCv.map((a) => new URL(a.cv!.url!).pathname).sort());
    // Streamed: CVs of the first page are fetched before the second page is asked for.
    const order = fakes.dr.requests.log.map((r) => r.route);
    expect(order.indexOf("/files/cv/{file}")).toBeLessThan(order.indexOf(LIST, order.indexOf(LIST) + 1));

    const stored = fakes.hrflow.profiles(source);
    expect(stored.map((p) => p.reference).sort()).toEqual(
      fakes.dr.applications.map((a) => String(a.id)).sort(),
    );
    const parsed = stored.find((p) => p.reference === String(withCv[0]!.id))!;
    // The fake HrFlow parser reads the CV's first line as the name: the CV bytes arrived.
    expect((parsed.info as { full_name: string }).full_name).toBe(
      `${withCv[0]!.firstName} ${withCv[0]!.lastName}`,
    );
    expect(parsed.tags).toContainEqual({ name: "digitalrecruiters_profile-email", value: withCv[0]!.email });
    // The fake nests the address in `location`, as the original's read schema does.
    const where = withCv[0]!.location!;
    expect(parsed.tags).toContainEqual({
      name: "digitalrecruiters_profile-location",
      value: `${where.street}, ${where.city}, (${where.zip}), ${where.country}`,
    });
    const noCv = fakes.dr.applications.find((a) => !a.cv)!;
    expect(stored.find((p) => p.reference === String(noCv.id))?.tags).toContainEqual({
      name: "digitalrecruiters_profile-fullName",
      value: `${noCv.firstName} ${noCv.lastName}`,
    });
  });

  it("starts at the given page and filters by job ad, without repeating query keys", async () => {
    fakes = await startFakes({ jobAds: 2, applications: 30 });
    const source = fakes.hrflow.addSource();
    const jobAd = fakes.dr.jobAds[1]!.id!;
    const mine = fakes.dr.applications.filter((a) => a.jobAd?.id === jobAd);
    const res = await DigitalRecruiters.pullProfileList(
      options(fakes, source, { jobAd, limit: 4, page: 2, sort: "lastName" }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", mine.length - 4]);
    const pages = fakes.dr.requests.filter({ route: LIST });
    expect(pages.length).toBe(Math.ceil(mine.length / 4) - 1);
    for (const page of pages) {
      const q = new URLSearchParams(page.query);
      expect([q.get("jobAd"), q.get("sort"), q.get("limit")]).toEqual([String(jobAd), "lastName", "4"]);
      expect([...q.keys()].length).toBe(new Set(q.keys()).size);
    }
  });

  it("refreshes an expired session once, mid-read, and keeps going", async () => {
    fakes = await startFakes({ jobAds: 1, applications: 6 });
    const source = fakes.hrflow.addSource();
    fakes.dr.expireSessions({ afterPages: 1 });
    const res = await DigitalRecruiters.pullProfileList(options(fakes, source, { limit: 3 }), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 6]);
    expect(fakes.dr.requests.count({ route: "/public/v1/users/refresh", status: 200 })).toBe(1);
    expect(fakes.dr.requests.count({ route: "/public/v1/users/login" })).toBe(1);
    expect(fakes.dr.requests.count({ status: 401 })).toBeGreaterThanOrEqual(1);
  });

  it("logs in again when the refresh token is refused too", async () => {
    fakes = await startFakes({ jobAds: 1, applications: 4 });
    const source = fakes.hrflow.addSource();
    fakes.dr.expireSessions({ afterPages: 1, refreshTokens: true });
    const res = await DigitalRecruiters.pullProfileList(options(fakes, source, { limit: 2 }), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 4]);
    expect(fakes.dr.requests.count({ route: "/public/v1/users/refresh", status: 401 })).toBe(1);
    expect(fakes.dr.requests.count({ route: "/public/v1/users/login", status: 200 })).toBe(2);
  });

  it("reads an application whose CV is gone without its resume", async () => {
    fakes = await startFakes({ jobAds: 1, applications: 2 });
    fakes.dr.addApplication({ cv: { url: `${fakes.dr.baseUrl}/files/cv/missing.pdf` } });
    const source = fakes.hrflow.addSource();
    const res = await DigitalRecruiters.pullProfileList(options(fakes, source), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 3]);
    expect(fakes.dr.requests.count({ route: "/files/cv/{file}", status: 404 })).toBe(1);
  });

  it("downloads a CV hosted elsewhere without the session token or the API key", async () => {
    fakes = await startFakes({ jobAds: 1 });
    const storage = await startStorage({
      "elsewhere.pdf": new TextEncoder().encode("Ada Lovelace\nada@example.org"),
    });
    try {
      fakes.dr.addApplication({ cv: { url: `${storage.baseUrl}/files/elsewhere.pdf` } });
      const source = fakes.hrflow.addSource();
      const res = await DigitalRecruiters.pullProfileList(options(fakes, source), runtime(fakes));
      expect([res.status, res.written]).toEqual(["success", 1]);
      const download = storage.requests.log[0]!;
      expect([download.status, download.headers.authorization, download.headers["x-dr-api-key"]]).toEqual([
        200,
        undefined,
        undefined,
      ]);
      expect((fakes.hrflow.profiles(source)[0]!.info as { full_name: string }).full_name).toBe(
        "Ada Lovelace",
      );
    } finally {
      await storage.close();
    }
  });

  it("wrong credentials are a read failure that never shows the password", async () => {
    fakes = await startFakes({ applications: 2 });
    const source = fakes.hrflow.addSource();
    const rt = runtime(fakes);
    const res = await DigitalRecruiters.pullProfileList(
      options(fakes, source, { password: "wrong-password-xyz" }),
      rt,
    );
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(fakes.dr.requests.count({ route: LIST })).toBe(0);
    expect(JSON.stringify(rt.logs)).not.toContain("wrong-password-xyz");
  });

  it("retries a 503 on a page", async () => {
    fakes = await startFakes({ jobAds: 1, applications: 5 });
    const source = fakes.hrflow.addSource();
    fakes.dr.fail({ route: LIST, status: 503, times: 1 });
    const res = await DigitalRecruiters.pullProfileList(options(fakes, source, { limit: 2 }), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 5]);
  });
});

describe("pull_profile_list parameters", () => {
  it("has the original's origin parameters, in order", () => {
    const { parameters } = pullAction(
      "pull_profile_list",
      "DigitalRecruiters Read Profils",
      "HrFlow.ai Profile Parsing",
    );
    expect(Object.keys(parameters.shape)).toEqual([
      "api_key",
      "username",
      "password",
      "environment_url",
      "jobAd",
      "sort",
      "limit",
      "page",
    ]);
    expect(parameters.parse({ ...shapeValues() })).toMatchObject({ limit: 50, page: 1 });
  });

  it("refuses a non-integer limit before any request", async () => {
    fakes = await startFakes({ applications: 1 });
    const source = fakes.hrflow.addSource();
    const res = await DigitalRecruiters.pullProfileList(
      options(fakes, source, { limit: "ten" }),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "bad_origin_parameters"]);
    expect(res.issues?.[0]?.path).toBe("origin_parameters.limit");
    expect(totalRequests(fakes)).toBe(0);
  });
});

function shapeValues() {
  return { api_key: "k", username: "u@x.y", password: "p", environment_url: "https://api.example.com" };
}
