import { z } from "zod";
import { httpSettingsSchema } from "../http/settings.js";
import type { ParameterIssue } from "./result.js";

/** The numeric run options, with their bounds. */
export const runLimitsSchema = z.object({
  batchSize: z.number().int().min(1).max(100_000).optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  http: httpSettingsSchema.optional(),
  waitForLease: z.union([z.boolean(), z.number().int().min(0)]).optional(),
  leaseTtlMs: z.number().int().min(100).max(3_600_000).optional(),
});

/** Issues of a run's options (`runtime.batchSize`, `runtime.http.timeoutMs`...), or none. */
export function runOptionIssues(options: unknown): ParameterIssue[] {
  const o = (options ?? {}) as Record<string, unknown>;
  const res = runLimitsSchema.safeParse({
    batchSize: o.batchSize,
    concurrency: o.concurrency,
    http: o.http,
    waitForLease: o.waitForLease,
    leaseTtlMs: o.leaseTtlMs,
  });
  if (res.success) return [];
  return res.error.issues.map((i) => ({
    path: ["runtime", ...i.path.map(String)].join("."),
    message: i.message,
    code: i.code,
  }));
}

/** Issues of the action's top-level options: not an object, or keys the action does not know. */
export function optionKeyIssues(value: unknown, known: readonly string[]): ParameterIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [{ path: "options", message: "the action's options must be an object", code: "invalid_type" }];
  }
  return Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => ({
      path: k,
      message: `unknown option (known: ${known.join(", ")})`,
      code: "unrecognized_keys",
    }));
}

/** Issues for secret fields given as blank strings (a token of spaces reaches no vendor). */
export function blankSecretIssues(
  label: string,
  data: Record<string, unknown>,
  secretFields: readonly string[],
): ParameterIssue[] {
  return secretFields
    .filter((f) => typeof data[f] === "string" && (data[f] as string).trim() === "")
    .map((f) => ({ path: `${label}.${f}`, message: "must not be blank", code: "too_small" }));
}
