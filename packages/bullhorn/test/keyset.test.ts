import { describe, expect, it } from "vitest";
import { clientFor } from "../src/index.js";
import { startFakes } from "./harness.js";

describe("search paging keyed on the last row's second", () => {
  it("a row changed during the read moves to the end; no other row is skipped or read twice", async () => {
    const fakes = await startFakes({ jobs: 12 });
    const client = clientFor({ baseUrls: { bullhorn: fakes.bullhorn.baseUrl }, auth: fakes.bullhorn.auth });
    const rows = client.searchSince("JobOrder", {
      query: "isDeleted:0",
      fields: "id,dateLastModified",
      field: "dateLastModified",
      from: { ms: Date.UTC(2024, 0, 1), id: null },
      pageSize: 4,
    });
    const ids: number[] = [];
    for await (const row of rows) {
      ids.push(row.id);
      // Three rows share each second: the 4th row read is the first of the second group; changing
      // it shifts every later row of its second back by one in the listing.
      if (ids.length === 4) fakes.bullhorn.change("JobOrder", row.id, { title: "changed" });
    }
    const all = fakes.bullhorn.jobs.map((j) => j.id as number);
    const changed = ids[3]!;
    expect(ids.filter((id) => id !== changed)).toEqual(all.filter((id) => id !== changed));
    // Read once before its change and once after (its new date is later than every other).
    expect(ids.filter((id) => id === changed)).toHaveLength(2);
    expect(ids.at(-1)).toBe(changed);
  });

  it("a second holding more rows than a page is read to its end", async () => {
    const fakes = await startFakes({ jobs: 9 });
    for (const j of fakes.bullhorn.jobs) j.dateLastModified = Date.UTC(2024, 0, 2, 0, 0, 0, 5);
    const client = clientFor({ baseUrls: { bullhorn: fakes.bullhorn.baseUrl }, auth: fakes.bullhorn.auth });
    const ids: number[] = [];
    for await (const row of client.searchSince("JobOrder", {
      query: "isDeleted:0",
      fields: "id,dateLastModified",
      field: "dateLastModified",
      from: null,
      pageSize: 2,
    }))
      ids.push(row.id);
    expect(ids).toEqual(fakes.bullhorn.jobs.map((j) => j.id));
  });
});
