import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FlowAction } from "../src/actions/index.js";
import { storeFromEnv } from "../src/store/from-env.js";
import {
  dataDirectory,
  defaultDeadLetterDirectory,
  defaultStoreDirectory,
  StoreConfigError,
} from "../src/store/locations.js";
import { MemoryStore } from "../src/store/store.js";
import { jobOptions, type Lead, leadsConnector, World } from "./fixtures.js";

// What a library call does when the caller configures nothing: no log output, no file in the
// working directory, and failed items still kept in a documented place that the result names.

describe("default locations", () => {
  it("use HRFLOW_CONNECTORS_HOME when set, else the user's data directory, never the working directory", () => {
    expect(dataDirectory({ HRFLOW_CONNECTORS_HOME: "/srv/hc" })).toBe("/srv/hc");
    expect(defaultStoreDirectory({ HRFLOW_CONNECTORS_HOME: "/srv/hc" })).toBe("/srv/hc/state");
    expect(defaultDeadLetterDirectory({ HRFLOW_CONNECTORS_HOME: "/srv/hc" })).toBe("/srv/hc/dead-letter");
    // Without the variable: the platform's data directory for applications, in the user's home.
    const platformDefault = dataDirectory({});
    expect(platformDefault.endsWith("hrflow-connectors") || platformDefault.endsWith("Data")).toBe(true);
    expect(platformDefault.startsWith(process.env.XDG_DATA_HOME || homedir())).toBe(true);
    expect(platformDefault.startsWith(process.cwd())).toBe(false);
    expect(() => dataDirectory({ HRFLOW_CONNECTORS_HOME: "relative" })).toThrow(StoreConfigError);
    expect(() => dataDirectory({ HRFLOW_CONNECTORS_HOME: "relative" })).toThrow(/HRFLOW_CONNECTORS_HOME/);
  });

  it("put the environment's default file store under the data directory", () => {
    const store = storeFromEnv({ HRFLOW_CONNECTORS_HOME: "/srv/hc" });
    expect(store && "directory" in store ? store.directory : null).toBe("/srv/hc/state");
  });
});

describe("a run with no logger and no dead-letter option", () => {
  const saved = { ...process.env };
  afterEach(() => {
    vi.restoreAllMocks();
    process.env = { ...saved };
  });

  it("prints nothing, writes nothing in the working directory, and keeps failed items where the result says", async () => {
    const home = await mkdtemp(join(tmpdir(), "hc-home-"));
    process.env.HRFLOW_CONNECTORS_HOME = home;
    delete process.env.HRFLOW_CONNECTORS_LOG_LEVEL;
    const stderr = vi.spyOn(process.stderr, "write");
    const stdout = vi.spyOn(process.stdout, "write");
    const cwdBefore = readdirSync(process.cwd()).sort();

    const world = new World().seed(5);
    world.writeRejects = (l: Lead) => (l.id === 2 ? "refused by the target" : null);
    const action = leadsConnector(world).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(jobOptions({ workflow_id: "quiet" }), { store: new MemoryStore() });

    expect([res.status, res.written, res.dead_letter.count]).toEqual(["success_with_failures", 4, 1]);
    expect(stderr).not.toHaveBeenCalled();
    expect(stdout).not.toHaveBeenCalled();
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    const location = res.dead_letter.location!;
    expect(location.startsWith(join(home, "dead-letter", "quiet"))).toBe(true);
    const entries = (await readFile(location, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.stage, e.item.id, e.error])).toEqual([
      ["write", 2, "refused by the target"],
    ]);
  });

  it("logs JSON lines on stderr when HRFLOW_CONNECTORS_LOG_LEVEL asks for them", async () => {
    process.env.HRFLOW_CONNECTORS_LOG_LEVEL = "info";
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const action = leadsConnector(new World().seed(2)).actions.create_jobs_in_hrflow as FlowAction;
    const res = await action.run(jobOptions({ workflow_id: "loud" }), { store: new MemoryStore() });
    expect(res.status).toBe("success");
    const records = lines.map((l) => JSON.parse(l));
    expect(records.at(-1)).toMatchObject({ level: "info", message: "Finished action" });
    expect(existsSync(join(process.env.HRFLOW_CONNECTORS_HOME ?? "", "dead-letter", "loud"))).toBe(false);
  });
});
