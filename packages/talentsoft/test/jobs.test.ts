import type { LegacyAction } from "@hrflow-connectors/core/legacy";
import { afterEach, describe, expect, it } from "vitest";
import { formatTsVacancy, TalentSoft, type TalentSoftVacancy } from "../src/index.js";
import { exportRequests, type Fakes, queryOf, runtime, startFakes, toBoard } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

const pages = (f: Fakes) => exportRequests(f, "vacancies");

describe("pull_job_list", () => {
  it("streams every page of vacancies into the board, up to max_read, with a back-office token", async () => {
    fakes = await startFakes({ vacancies: 230 });
    const board = fakes.hrflow.addBoard();
    const res = await TalentSoft.pullJobList(toBoard(fakes, board, { max_read: 1000 }), runtime(fakes));
    expect([res.status, res.events.read_success, res.written]).toEqual(["success", 230, 230]);
    // 100 + 100 + 30, then the empty page that ends the export.
    expect(pages(fakes).map((r) => [queryOf(r).get("offset"), queryOf(r).get("limit")])).toEqual([
      ["0", "100"],
      ["100", "100"],
      ["200", "100"],
      ["300", "100"],
    ]);
    expect(pages(fakes)[0]!.headers.authorization).toMatch(/^bearer /);
    expect(fakes.ts.tokens.map((t) => t.scope)).toEqual(["MatchingIndexation"]);
    const stored = fakes.hrflow.jobs(board);
    expect(stored).toHaveLength(230);
    const sample = stored.find((j) => j.reference === "2024-0117")!;
    const expected = formatTsVacancy(fakes.ts.vacancies[116] as TalentSoftVacancy);
    expect(sample).toMatchObject({ name: expected.name, tags: expected.tags, skills: expected.skills });
  });

  it("stops at max_read (default 100) and asks for smaller pages when max_read is small", async () => {
    fakes = await startFakes({ vacancies: 130 });
    const board = fakes.hrflow.addBoard();
    const first = await TalentSoft.pullJobList(toBoard(fakes, board), runtime(fakes));
    expect([first.events.read_success, pages(fakes).length]).toEqual([100, 1]);
    fakes.ts.requests.reset();
    const few = await TalentSoft.pullJobList(
      toBoard(fakes, board, { max_read: 7, q: "engineer" }),
      runtime(fakes),
    );
    expect(few.events.read_success).toBe(7);
    expect(queryOf(pages(fakes)[0]!).get("limit")).toBe("7");
    expect(queryOf(pages(fakes)[0]!).get("q")).toBe("engineer");
  });

  it("passes the filter through", async () => {
    fakes = await startFakes({ vacancies: 5 });
    const board = fakes.hrflow.addBoard();
    const res = await TalentSoft.pullJobList(
      toBoard(fakes, board, { filter: "reference::2024-0002,2024-0004" }),
      runtime(fakes),
    );
    expect(res.written).toBe(2);
    expect(queryOf(pages(fakes)[0]!).get("filter")).toBe("reference::2024-0002,2024-0004");
    expect(fakes.hrflow.jobs(board).map((j) => j.reference)).toEqual(["2024-0002", "2024-0004"]);
  });

  it("reads incrementally from the newest modificationDate, not the last vacancy read", async () => {
    fakes = await startFakes();
    // Export order is not modification order: the newest change sits in the middle.
    fakes.ts.addVacancy({ modificationDate: "2024-03-01T08:00:00" });
    fakes.ts.addVacancy({ modificationDate: "2024-03-09T17:30:00" });
    fakes.ts.addVacancy({ modificationDate: "2024-03-04T12:00:00" });
    const board = fakes.hrflow.addBoard();
    const rt = runtime(fakes);
    const incremental = toBoard(fakes, board, {}, { read_mode: "incremental" });
    const first = await TalentSoft.pullJobList(incremental, rt);
    // The first run reads everything (the original started from today's date).
    expect([first.status, first.written, first.incremental_token]).toEqual([
      "success",
      3,
      "2024-03-09T17:30:00",
    ]);
    expect(queryOf(pages(fakes)[0]!).has("filter")).toBe(false);
    fakes.ts.requests.reset();
    fakes.ts.addVacancy({ modificationDate: "2024-03-10T09:00:00" });
    const second = await TalentSoft.pullJobList(incremental, rt);
    expect(queryOf(pages(fakes)[0]!).get("filter")).toBe("updateDate:gt:2024-03-09T17:30:00");
    expect([second.events.read_success, second.incremental_token]).toEqual([1, "2024-03-10T09:00:00"]);
    expect((TalentSoft.actions.pull_job_list as LegacyAction).supportsIncremental).toBe(true);
  });

  it("refuses a filter in incremental mode before calling TalentSoft", async () => {
    fakes = await startFakes({ vacancies: 2 });
    const board = fakes.hrflow.addBoard();
    const res = await TalentSoft.pullJobList(
      toBoard(fakes, board, { filter: "reference::2024-0001" }, { read_mode: "incremental" }),
      runtime(fakes),
    );
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    expect(fakes.ts.requests.count()).toBe(0);
  });

  it("retries through a 429 and a 503 on the export", async () => {
    fakes = await startFakes({ vacancies: 3 });
    fakes.ts.fail({ route: "/api/exports/v1/vacancies", status: 429, retryAfterSeconds: 0 });
    fakes.ts.fail({ route: "/api/exports/v1/vacancies", status: 503 });
    const board = fakes.hrflow.addBoard();
    const res = await TalentSoft.pullJobList(toBoard(fakes, board), runtime(fakes));
    expect([res.status, res.written]).toEqual(["success", 3]);
    expect(fakes.ts.requests.count({ route: "/api/exports/v1/vacancies", status: 429 })).toBe(1);
    expect(fakes.ts.requests.count({ route: "/api/exports/v1/vacancies", status: 503 })).toBe(1);
  });

  it("ends with read_failure on a body that is not framed records", async () => {
    fakes = await startFakes({ vacancies: 3 });
    // A malformed answer is retried like a cut one; one that stays malformed fails the read.
    fakes.ts.fail({ route: "/api/exports/v1/vacancies", malformed: true, times: 50 });
    const board = fakes.hrflow.addBoard();
    const res = await TalentSoft.pullJobList(toBoard(fakes, board), runtime(fakes));
    expect([res.status, res.reason]).toEqual(["fatal", "read_failure"]);
    // A partial read never archives the board's other jobs.
    expect(fakes.hrflow.requests.count({ method: "PATCH" })).toBe(0);
  });
});
