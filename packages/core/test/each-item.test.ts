import { describe, expect, it } from "vitest";
import { writeEach } from "../src/engine/each-item.js";

describe("writeEach", () => {
  it("keeps going past failed items and reports each with its reason", async () => {
    const done: number[] = [];
    const failures = await writeEach([1, 2, 3, 4], async (n) => {
      if (n === 2) throw new Error("vendor said no");
      if (n === 3) return "no email";
      done.push(n);
    });
    expect(done).toEqual([1, 4]);
    expect(failures).toEqual([
      { item: 2, error: "vendor said no" },
      { item: 3, error: "no email" },
    ]);
  });

  it("bounds calls in flight", async () => {
    let active = 0;
    let peak = 0;
    await writeEach(
      Array.from({ length: 12 }, (_, i) => i),
      async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
  });
});
