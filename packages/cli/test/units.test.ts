import { createHmac } from "node:crypto";
import { emptyEvents } from "@hrflow-connectors/core/contracts";
import type { Progress } from "@hrflow-connectors/core/engine";
import { describe, expect, it } from "vitest";
import { ConfigError, interpolateEnv, parseJson } from "../src/config.js";
import { typescriptHint } from "../src/options.js";
import { formatElapsed, formatProgress, ttyProgress } from "../src/progress.js";
import { WorkQueue } from "../src/queue.js";
import { hmacSha256Hex } from "../src/webhook.js";

const ref = (name: string) => `\${${name}}`;

describe("interpolateEnv", () => {
  it("replaces variables anywhere in strings and keeps $${NAME} literally", () => {
    const out = interpolateEnv(
      { a: { b: [`x-${ref("TOKEN")}-y`] }, c: `$${ref("TOKEN")}`, n: 3 },
      { TOKEN: 'se"cret' },
    );
    expect(out).toEqual({ a: { b: ['x-se"cret-y'] }, c: ref("TOKEN"), n: 3 });
  });

  it("names every missing variable and where it is used", () => {
    try {
      interpolateEnv({ auth: { key: ref("A") }, other: [ref("B")] }, {});
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toBe("Missing environment variables: A, B");
      expect((err as ConfigError).issues.map((i) => i.path)).toEqual(["auth.key", "other.0"]);
    }
  });
});

describe("progress", () => {
  const progress = (read: number, written: number, elapsed: number): Progress => ({
    phase: "reading",
    events: { ...emptyEvents(), read_success: read, write_failure: 2, format_failure: 1 },
    written,
    in_flight: 0,
    elapsed_ms: elapsed,
  });

  it("shows read, written, failed, rate and elapsed", () => {
    expect(formatProgress(progress(1500, 1200, 3000))).toBe(
      "read 1,500  written 1,200  failed 3  500/s  00:03",
    );
    expect(formatElapsed(3_725_000)).toBe("1:02:05");
  });

  it("redraws one terminal line and prints warnings above it", () => {
    let text = "";
    const stream = { columns: 200, write: (s: string) => (text += s) } as unknown as NodeJS.WriteStream;
    let now = 0;
    const display = ttyProgress(stream, "X a", false, () => now);
    now = 2000;
    display.onProgress(progress(10, 5, 2000));
    display.sink({ time: "t", level: "info", message: "hidden", tags: {} });
    display.stop();
    expect(text).toContain("\r\x1b[2K⠹ X a  read 10  written 5  failed 3  5.0/s  00:02");
    expect(text).not.toContain("hidden");
    expect(text.endsWith("\r\x1b[2K")).toBe(true);
  });
});

describe("WorkQueue", () => {
  it("runs at most `concurrency` jobs, refuses past the limit, and drains", async () => {
    const queue = new WorkQueue(2, 1);
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const job = () => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
    };
    expect([queue.push(job()), queue.push(job()), queue.push(job()), queue.push(job())]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const drained = queue.drain();
    while (queue.processed < 3) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    await drained;
    expect(peak).toBe(2);
  });
});

describe("hmacSha256Hex", () => {
  it("accepts the body's HMAC (with or without sha256=) and nothing else", () => {
    const sig = createHmac("sha256", "s3cret").update('{"a":1}').digest("hex");
    expect(hmacSha256Hex('{"a":1}', sig, "s3cret")).toBe(true);
    expect(hmacSha256Hex('{"a":1}', `sha256=${sig}`, "s3cret")).toBe(true);
    expect(hmacSha256Hex('{"a": 1}', sig, "s3cret")).toBe(false);
    expect(hmacSha256Hex('{"a":1}', "zz", "s3cret")).toBe(false);
  });
});

describe("newcomer hints", () => {
  it("places a JSON syntax error by line and column, with the line", () => {
    expect(() => parseJson('{\n  "a": 1,\n  "b": }\n')).toThrow(
      /at line 3, column 8\n {4} {2}"b": }\n {4} {7}\^/,
    );
    expect(() => parseJson('{"a": 1')).toThrow(/line 1, column 8/);
    expect(parseJson('{"a": [1]}')).toEqual({ a: [1] });
  });

  it("explains why a TypeScript module does not load on this Node", () => {
    expect(typescriptHint("logics.ts", "v20.19.0", false)).toMatch(/cannot import TypeScript.*22\.6/);
    expect(typescriptHint("logics.mts", "v22.12.0", false)).toMatch(/--experimental-strip-types/);
    expect(typescriptHint("logics.ts", "v24.1.0", true)).toBeNull();
    expect(typescriptHint("logics.js", "v20.19.0", false)).toBeNull();
  });
});
