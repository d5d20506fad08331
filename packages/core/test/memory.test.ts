import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const source = pathToFileURL(fileURLToPath(new URL("../src/memory/index.ts", import.meta.url))).href;

/** Calls boundHeapGrowth in a process of its own: its flags are the whole VM's, not this worker's. */
function inChild(body: string): unknown {
  const script = `const { boundHeapGrowth } = await import(${JSON.stringify(source)});\n${body}`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return JSON.parse(out);
}

describe("boundHeapGrowth", () => {
  it("sets V8's growth flags on the first call and nothing on the same call again", () => {
    const calls = inChild(
      `console.log(JSON.stringify([boundHeapGrowth(), boundHeapGrowth({ heapGrowingPercent: 20 }), boundHeapGrowth({ heapGrowingPercent: 10 })]));`,
    );
    expect(calls).toEqual([
      ["--semi-space-growth-factor=1", "--heap-growing-percent=20"],
      [],
      ["--semi-space-growth-factor=1", "--heap-growing-percent=10"],
    ]);
  }, 30_000);

  it("refuses a percent V8 would misread", () => {
    const errors = inChild(
      `const e = []; for (const p of [0, 101, 2.5, Number.NaN]) { try { boundHeapGrowth({ heapGrowingPercent: p }); e.push(null) } catch (err) { e.push(err.name) } } console.log(JSON.stringify(e));`,
    );
    expect(errors).toEqual(["RangeError", "RangeError", "RangeError", "RangeError"]);
  }, 30_000);
});
