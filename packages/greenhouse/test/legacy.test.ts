import { describe, expect, it } from "vitest";
import { Greenhouse } from "../src/index.js";
import { runtime, startFakes } from "./harness.js";

describe("older-style actions", () => {
  it("pull_job_list reads the public Job Board (no credentials) and decodes its escaped content", async () => {
    const fakes = await startFakes({ jobs: 30 });
    const board = fakes.hrflow.addBoard();
    const res = await Greenhouse.pullJobList(
      {
        workflow_id: "legacy-jobs",
        origin_parameters: { board_token: fakes.greenhouse.boardToken },
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      runtime(fakes),
    );
    const open = fakes.greenhouse.jobs.filter((j) => j.status === "open");
    expect([res.status, res.written]).toEqual(["success", open.length]);
    const call = fakes.greenhouse.requests.filter({ route: "/v1/boards/{board_token}/jobs" });
    expect(call).toHaveLength(1);
    expect(call[0]!.headers.authorization).toBeUndefined();
    const withNotes = open.find((j) => j.notes)!;
    const job = fakes.hrflow.jobs(board).find((j) => j.reference === String(withNotes.id))!;
    const text = (job.sections as { description: string }[])[0]!.description;
    expect(text).toContain("R&D team — we’re hiring!");
    expect(text).toContain("- Node.js & TypeScript");
    expect(text).not.toMatch(/&lt;|<p>/);
  });

  it("pull_profile_list reads every candidate to the last page with the v3 credentials", async () => {
    const fakes = await startFakes({ jobs: 2, candidates: 130 });
    const source = fakes.hrflow.addSource();
    const res = await Greenhouse.pullProfileList(
      {
        workflow_id: "legacy-profiles",
        origin_parameters: { ...fakes.greenhouse.auth },
        target_parameters: { ...fakes.hrflow.auth, source_key: source, only_edit_fields: [] },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 130]);
  });

  it("push_profile creates the candidate; the original's `auth` key is refused with the v3 names", async () => {
    const fakes = await startFakes({ jobs: 1 });
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, {
      reference: "r1",
      info: { first_name: "Zoë", last_name: "Ibáñez", email: "zoe@example.com" },
    });
    const base = {
      workflow_id: "legacy-push",
      origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
    };
    const old = await Greenhouse.pushProfile(
      { ...base, target_parameters: { auth: "v1-key", on_behalf_of: "1001" } } as never,
      runtime(fakes),
    );
    expect([old.status, old.reason]).toEqual(["fatal", "bad_target_parameters"]);
    expect(JSON.stringify(old.issues)).toMatch(/client_id, client_secret and user_id/);
    const res = await Greenhouse.pushProfile(
      {
        ...base,
        target_parameters: { ...fakes.greenhouse.auth, on_behalf_of: fakes.greenhouse.auth.user_id },
      },
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(fakes.greenhouse.candidates.at(-1)).toMatchObject({ first_name: "Zoë", last_name: "Ibáñez" });
  });
});
