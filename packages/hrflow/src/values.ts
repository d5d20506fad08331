import type { HrFlowGeneralEntity } from "./schemas.js";

/** A tag value as HrFlow stores it: text, or null. Numbers and booleans become text, objects JSON. */
export function tagValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return JSON.stringify(value);
}

/** One HrFlow tag (or metadata) entry from a vendor value. */
export function tag(name: string, value: unknown): HrFlowGeneralEntity {
  return { name, value: tagValue(value) };
}

/** A finite number from a number or numeric text (vendors send coordinates both ways), else null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
