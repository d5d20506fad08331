import { MemoryStore } from "@hrflow-connectors/core/store";
import { describe, expect, it } from "vitest";
import { Bullhorn } from "../src/index.js";
import { flowOptions, runtime, startFakes } from "./harness.js";

const SINCE = "2024-01-01T00:00:00";

describe("profile flows", () => {
  it("create: candidates with education, work history and their newest resume under its own name", async () => {
    const fakes = await startFakes({ candidates: 12 });
    const source = fakes.hrflow.addSource(undefined, { sync_parsing: true });
    const res = await Bullhorn.createProfilesInHrflow(
      flowOptions(fakes, "p", { created_date: SINCE, parse_resume: true }, { source_key: source }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 12]);
    const log = fakes.bullhorn.requests;
    // One row call per association for the 12 candidates; files only for the newest Resume-type file.
    expect(log.count({ route: "/entity/Candidate/{ids}/educations" })).toBe(1);
    expect(log.count({ route: "/entity/Candidate/{ids}/workHistories" })).toBe(1);
    const withFiles = fakes.bullhorn.candidates.filter((c) => c.files.length > 0);
    expect(log.count({ route: "/file/Candidate/{id}/{fileId}" })).toBe(withFiles.length);
    // to-many fields are not asked of the search (it lists only a few ids of each).
    const fields = new URLSearchParams(log.filter({ route: "/search/Candidate" })[0]!.query).get("fields")!;
    expect(fields.split(",")).not.toContain("educations");
    const stored = fakes.hrflow.profiles(source);
    expect(stored).toHaveLength(12);
    // With a resume, HrFlow parses the file: it arrives with its Bullhorn name and bytes.
    const c = withFiles[0]!;
    const resume = c.files.find((f) => f.type === "Resume")!;
    const parsed = stored.find((p) => p.reference === String(c.id))!;
    expect(parsed.text).toBe(resume.bytes);
    expect(parsed.attachments).toEqual([expect.objectContaining({ original_file_name: resume.name })]);
    // Without one, the profile is the formatted candidate.
    const plain = fakes.bullhorn.candidates.find((x) => x.files.length === 0)!;
    const profile = stored.find((p) => p.reference === String(plain.id))!;
    expect(profile.info).toMatchObject({ first_name: plain.firstName, last_name: plain.lastName });
    expect(profile.educations).toHaveLength(1);
    expect(profile.experiences).toHaveLength(1);
  });

  it("update: only candidates changed since the date (and since their creation), incrementally", async () => {
    const fakes = await startFakes({ candidates: 5 });
    const source = fakes.hrflow.addSource();
    await Bullhorn.createProfilesInHrflow(
      flowOptions(
        fakes,
        "c",
        { created_date: SINCE, fields: "id,firstName,lastName,email" },
        { source_key: source },
      ),
      runtime(fakes),
    );
    const store = new MemoryStore();
    const options = flowOptions(
      fakes,
      "u",
      { last_modified_date: SINCE, fields: "id,firstName,lastName,email" },
      { source_key: source },
      { incremental: true },
    );
    const first = await Bullhorn.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect(first.events.read_success).toBe(0);
    const target = fakes.bullhorn.candidates[3]!;
    fakes.bullhorn.change("Candidate", target.id, { firstName: "Renée" });
    const second = await Bullhorn.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect([second.status, second.written]).toEqual(["success", 1]);
    const profile = fakes.hrflow.profiles(source).find((p) => p.reference === String(target.id))!;
    expect((profile.info as { first_name: string }).first_name).toBe("Renée");
    const third = await Bullhorn.updateProfilesInHrflow(options, runtime(fakes, { store }));
    expect(third.events.read_success).toBe(0);
  });

  it("archive: deleted candidates (isDeleted:1) by reference; the token works with fields=id", async () => {
    const fakes = await startFakes({ candidates: 6 });
    const source = fakes.hrflow.addSource();
    await Bullhorn.createProfilesInHrflow(
      flowOptions(fakes, "c", { created_date: SINCE, fields: "id,name" }, { source_key: source }),
      runtime(fakes),
    );
    const gone = fakes.bullhorn.candidates[1]!;
    fakes.bullhorn.change("Candidate", gone.id, { isDeleted: true });
    const res = await Bullhorn.archiveProfilesInHrflow(
      flowOptions(fakes, "a", { last_modified_date: SINCE }, { source_key: source }, { incremental: true }),
      runtime(fakes),
    );
    expect([res.status, res.written]).toEqual(["success", 1]);
    expect(res.incremental_token).toContain(`"last_id":${gone.id}`);
    const archived = fakes.hrflow.profiles(source).filter((p) => p.archived_at);
    expect(archived.map((p) => p.reference)).toEqual([String(gone.id)]);
  });

  it("refuses a date that is no date before any request", async () => {
    const fakes = await startFakes({ candidates: 1 });
    const res = await Bullhorn.createProfilesInHrflow(
      flowOptions(fakes, "x", { created_date: "last tuesday" }, { source_key: "s" }),
      runtime(fakes),
    );
    expect(res.status).toBe("fatal");
    expect(fakes.bullhorn.requests.count()).toBe(0);
  });
});
