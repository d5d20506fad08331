import type { z } from "zod";
import type { ParamSchema } from "../contracts/context.js";
import type { ParameterIssue } from "./result.js";

export type Parsed<T> = { ok: true; data: T } | { ok: false; issues: ParameterIssue[] };

/**
 * Validates a parameter object strictly: unknown keys are rejected, so a typo in a config is an
 * error naming the key instead of a silently ignored setting.
 */
export function parseParameters<S extends ParamSchema>(
  schema: S,
  value: unknown,
  label: string,
): Parsed<z.output<S>> {
  const strict = schema.strict();
  const res = strict.safeParse(value ?? {});
  if (res.success) return { ok: true, data: res.data as z.output<S> };
  return {
    ok: false,
    issues: res.error.issues.map((i) => {
      const keys = (i as { keys?: string[] }).keys;
      const path = [label, ...i.path.map(String)].join(".");
      return {
        path: keys && keys.length > 0 ? keys.map((k) => `${path}.${k}`).join(", ") : path,
        message: i.message,
        code: i.code,
      };
    }),
  };
}

/** One line per issue, for a reason message that names every bad field. */
export function describeIssues(issues: ParameterIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

/**
 * Issues of the user functions given to a run, by the CLI's rules: `logics` an array of functions,
 * `format` and `callback` functions (each may be absent). Checked before any request, so a
 * `logics: 42` never reads everything only to skip or dead-letter it.
 */
export function userFunctionIssues(fns: {
  logics?: unknown;
  format?: unknown;
  callback?: unknown;
}): ParameterIssue[] {
  const issues: ParameterIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message, code: "invalid_type" });
  if (fns.logics != null) {
    if (!Array.isArray(fns.logics)) bad("logics", "must be an array of functions");
    else
      fns.logics.forEach((f, i) => {
        if (typeof f !== "function") bad(`logics[${i}]`, `must be a function, got ${typeName(f)}`);
      });
  }
  for (const key of ["format", "callback"] as const) {
    const value = fns[key];
    if (value != null && typeof value !== "function") bad(key, `must be a function, got ${typeName(value)}`);
  }
  return issues;
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
