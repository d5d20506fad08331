import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptedStoreError, FileStore } from "../src/store/file-store.js";
import { storeFromEnv } from "../src/store/from-env.js";
import { StoreConfigError } from "../src/store/locations.js";
import { MemoryStore } from "../src/store/store.js";

describe("stores", () => {
  it("round-trips JSON in the file store and survives a new instance", async () => {
    const dir = await mkdtemp(join(tmpdir(), "store-"));
    await new FileStore(dir).save("wf/a b", { incremental_token: "12", nested: { ok: true } });
    expect(await new FileStore(dir).load("wf/a b")).toEqual({
      incremental_token: "12",
      nested: { ok: true },
    });
    expect(await new FileStore(dir).load("unknown")).toBeNull();
  });

  it("keeps concurrent saves of different workflows apart and leaves no temporary files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "store-"));
    const store = new FileStore(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.save(`wf-${i}`, { n: i })));
    await Promise.all(Array.from({ length: 50 }, (_, i) => new FileStore(dir).save(`wf-${i}`, { n: i * 2 })));
    for (let i = 0; i < 50; i++) expect(await store.load(`wf-${i}`)).toEqual({ n: i * 2 });
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("names the corrupted file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "store-"));
    const store = new FileStore(dir);
    await writeFile(store.fileFor("bad"), "{not json");
    await expect(store.load("bad")).rejects.toThrow(CorruptedStoreError);
    await expect(store.load("bad")).rejects.toThrow(/bad\.json is corrupted/);
  });

  it("isolates values in the memory store", async () => {
    const store = new MemoryStore();
    const value = { a: [1] };
    await store.save("k", value);
    value.a.push(2);
    expect(await store.load("k")).toEqual({ a: [1] });
  });

  it("is configured from environment variables", () => {
    expect(storeFromEnv({ HRFLOW_CONNECTORS_STORE_ENABLED: "false" })).toBeNull();
    expect(storeFromEnv({ HRFLOW_CONNECTORS_STORE_ENABLED: "0" })).toBeNull();
    expect(storeFromEnv({ HRFLOW_CONNECTORS_STORE: "memory" })?.name).toBe("memory");
    const file = storeFromEnv({ HRFLOW_CONNECTORS_LOCALJSON_DIR: "/tmp/x" }) as FileStore;
    expect([file.name, file.directory]).toEqual(["localjson", "/tmp/x"]);
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "s4" })).toThrow(StoreConfigError);
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_STORE: "s4" })).toThrow(/not a valid store/);
    expect(() => storeFromEnv({ HRFLOW_CONNECTORS_LOCALJSON_DIR: "relative/dir" })).toThrow(/absolute/);
  });
});
