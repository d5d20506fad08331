import { describe, expect, it } from "vitest";
import { Bullhorn, bullhorn, trustedBullhornUrl } from "../src/index.js";
import { compileLucene } from "../src/testing/index.js";
import { flowOptions, runtime, startFakes } from "./harness.js";

describe("login", () => {
  it("a refused login ends the run fatal with a clear reason, no REST call, and no secret anywhere", async () => {
    const fakes = await startFakes({ jobs: 2 });
    const auth = { ...fakes.bullhorn.auth, password: "wrong-password-123" };
    const rt = runtime(fakes);
    const res = await Bullhorn.createJobsInHrflow(
      {
        ...flowOptions(fakes, "j", { created_date: "2024-01-01" }, { board_key: "b" }),
        connector_auth: auth,
      },
      rt,
    );
    expect(res.status).toBe("fatal");
    const text = JSON.stringify(res) + JSON.stringify(rt.logs);
    expect(text).toContain("refused the login");
    expect(text).not.toContain("wrong-password-123");
    expect(text).not.toContain(fakes.bullhorn.auth.client_secret);
    expect(fakes.bullhorn.requests.count({ route: "/search/JobOrder" })).toBe(0);
  });

  it("the global hosts redirect to the data centre; the client never needs them", async () => {
    const fakes = await startFakes();
    const res = await fetch(`${fakes.bullhorn.baseUrl.replace("/rest-services", "")}/oauth/authorize?x=1`, {
      redirect: "manual",
    });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain("/dc7/oauth/authorize");
    const api = bullhorn.client({
      baseUrls: { bullhorn: fakes.bullhorn.baseUrl },
      auth: fakes.bullhorn.auth,
    });
    await api.GET("/search/{entity}", {
      params: { path: { entity: "JobOrder" }, query: { query: "isDeleted:0", fields: "id" } },
    });
    // The search went to the corporation's restUrl the login named.
    expect(fakes.bullhorn.requests.filter().map((r) => r.route)).toEqual([
      "redirect /oauth/authorize",
      "/loginInfo",
      "/oauth/authorize",
      "/oauth/token",
      "/login",
      "/search/JobOrder",
    ]);
  });

  it("accepts only Bullhorn hosts (https) from loginInfo and login; with an override, only its origin", () => {
    const real = "https://rest.bullhornstaffing.com/rest-services";
    expect(
      trustedBullhornUrl("https://rest-emea.bullhornstaffing.com/rest-services", real, "restUrl"),
    ).toContain("emea");
    expect(() => trustedBullhornUrl("https://evil.example/rest-services", real, "restUrl")).toThrow(
      /unexpected host/,
    );
    expect(() => trustedBullhornUrl("http://rest22.bullhornstaffing.com/x", real, "restUrl")).toThrow(
      /unexpected host/,
    );
    expect(() =>
      trustedBullhornUrl("https://bullhornstaffing.com.evil.example/", real, "oauthUrl"),
    ).toThrow();
    // Overridden: the path is kept, the host is always the override's.
    const proxy = "http://127.0.0.1:9/rest-services";
    expect(trustedBullhornUrl("https://evil.example/dc7/oauth?x=1", proxy, "oauthUrl")).toBe(
      "http://127.0.0.1:9/dc7/oauth?x=1",
    );
  });
});

describe("the fake's Lucene subset", () => {
  const rows = [
    { id: 1, isDeleted: false, isOpen: true, dateAdded: Date.UTC(2024, 0, 1, 10, 0, 0, 500), title: "Chef" },
    { id: 2, isDeleted: true, isOpen: true, dateAdded: Date.UTC(2024, 0, 1, 9, 59, 59, 999), title: "Nurse" },
    { id: 3, isDeleted: false, isOpen: false, dateAdded: Date.UTC(2024, 0, 2), title: "Chef" },
  ];
  const ids = (q: string) => rows.filter(compileLucene(q)).map((r) => r.id);
  it("AND, OR, NOT, parentheses, ranges to the second, quoted values", () => {
    expect(ids("isDeleted:0 AND isOpen:true")).toEqual([1]);
    expect(ids("isDeleted:1 OR isOpen:false")).toEqual([2, 3]);
    expect(ids("(isDeleted:0) AND dateAdded:[20240101100000 TO *]")).toEqual([1, 3]);
    expect(ids("dateAdded:[* TO 20240101095959]")).toEqual([2]);
    expect(ids('title:"chef" AND NOT isOpen:false')).toEqual([1]);
    expect(() => compileLucene("isDeleted:0 AND")).toThrow();
  });
});
