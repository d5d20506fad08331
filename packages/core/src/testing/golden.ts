import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/*
 * Golden files pin a mapping: `<name>.input.json` holds named inputs written by hand,
 * `<name>.output.json` the outputs reviewed by hand once and committed. A refactor that changes any
 * mapped field fails the test until the output file is regenerated deliberately with
 * `UPDATE_GOLDEN=1 npx vitest run <test file>` and the diff is reviewed in the commit.
 *
 * JSON has no bytes: `{"$bytes": "<base64>"}` in an input becomes a Uint8Array, and a Uint8Array in
 * an output is written the same way. A case whose function throws records `{"$error": message}`.
 */

/** One golden case: what the function produced now and what the committed file says. */
export interface GoldenCase {
  name: string;
  actual: unknown;
  expected: unknown;
}

const revive = (_key: string, value: unknown): unknown =>
  value && typeof value === "object" && "$bytes" in value && typeof value.$bytes === "string"
    ? new Uint8Array(Buffer.from(value.$bytes, "base64"))
    : value;

const replace = (_key: string, value: unknown): unknown =>
  value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString("base64") } : value;

/** A value as it round-trips through a golden file (undefined keys dropped, bytes as base64). */
export function toGoldenJson(value: unknown): unknown {
  const text = JSON.stringify(value, replace);
  return text === undefined ? null : JSON.parse(text);
}

/** Whether this run rewrites the output files instead of comparing with them. */
export function updatingGolden(): boolean {
  return process.env.UPDATE_GOLDEN === "1";
}

/**
 * Runs `fn` on every named input of `<dir>/<name>.input.json` and pairs each result with the
 * committed `<name>.output.json`; with `UPDATE_GOLDEN=1` the output file is rewritten first.
 */
export function goldenCases(dir: string, name: string, fn: (input: never) => unknown): GoldenCase[] {
  const inputs = JSON.parse(readFileSync(join(dir, `${name}.input.json`), "utf8"), revive) as Record<
    string,
    never
  >;
  const actual: Record<string, unknown> = {};
  for (const [caseName, input] of Object.entries(inputs)) {
    try {
      actual[caseName] = toGoldenJson(fn(input));
    } catch (err) {
      actual[caseName] = { $error: (err as Error).message };
    }
  }
  const outputPath = join(dir, `${name}.output.json`);
  if (updatingGolden()) writeFileSync(outputPath, `${JSON.stringify(actual, null, 2)}\n`);
  // A missing output file fails every case (expected undefined) rather than passing silently.
  const expected = existsSync(outputPath)
    ? (JSON.parse(readFileSync(outputPath, "utf8")) as Record<string, unknown>)
    : {};
  const names = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...names].map((n) => ({ name: n, actual: actual[n], expected: expected[n] }));
}
