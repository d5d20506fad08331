import { z } from "zod";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// The basic format some vendors document (e.g. 20240501T120000Z).
const ISO_8601_BASIC = /^\d{8}T\d{6}(?:Z|[+-]\d{4})?$/i;
const EPOCH = /^\d{1,13}$/;

/** Whether a value is an ISO-8601 date or date-time, or an epoch timestamp (seconds or ms). */
export function isTimestamp(value: string | number): boolean {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0;
  const v = value.trim();
  if (EPOCH.test(v) || ISO_8601_BASIC.test(v)) return true;
  return ISO_8601.test(v) && !Number.isNaN(Date.parse(v.replace(" ", "T")));
}

/**
 * A timestamp parameter (e.g. `updated_after`): an ISO-8601 date or date-time, or an epoch number,
 * checked when the parameters are validated so free text never reaches a vendor. The value is kept
 * as given (each connector converts it to its vendor's form).
 */
export function timestampParameter(description: string) {
  return z
    .union([z.string(), z.number().int()])
    .refine(isTimestamp, { message: "must be an ISO-8601 date or date-time, or an epoch timestamp" })
    .nullish()
    .describe(description);
}
