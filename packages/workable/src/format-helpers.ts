export { tagValue } from "@hrflow-connectors/hrflow";

import type { HrFlowLocation } from "@hrflow-connectors/hrflow";
import { toIsoDate } from "@hrflow-connectors/hrflow";
import type { WorkableLocation } from "./objects.js";

/**
 * A Workable date or timestamp as an ISO 8601 value HrFlow accepts (the shared normaliser): a
 * zone-less time gets `Z` (Workable's times are UTC), `2015-07` and `2015` get day 1, the compact
 * `20150708T115616Z` is expanded, and text that is no date becomes null rather than failing the item.
 */
export function toHrFlowDate(value: string | null | undefined): string | null {
  return toIsoDate(value);
}

/** An HrFlow ISO 8601 value as the `YYYY-MM-DD` date Workable's entries use, or null. */
export function toWorkableDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return m ? m[1]! : null;
}

/** `"lat,lng"` (any spacing) as numbers, or null when absent or out of range. */
export function parseCoords(coords: unknown): { lat: number; lng: number } | null {
  if (typeof coords !== "string") return null;
  const parts = coords.split(",").map((p) => Number(p.trim()));
  if (parts.length !== 2) return null;
  const [lat, lng] = parts as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return null;
  return { lat, lng };
}

interface Locatable {
  location?: WorkableLocation | null;
  locations?: (WorkableLocation & { coords?: string | null })[] | null;
  address?: string | null;
}

/**
 * An HrFlow location from a Workable job or candidate. The coordinates come from the `locations`
 * entry of the same city as the primary location (the original compared each entry with itself and
 * always took the first), else the first entry that has any; entries without city or coords, and a
 * null `location`, are tolerated instead of failing the item.
 */
export function toHrFlowLocation(obj: Locatable): HrFlowLocation {
  const loc = obj.location ?? {};
  const parts = [loc.city, loc.region, loc.zip_code, loc.country].filter((p): p is string => Boolean(p));
  const text = loc.location_str || (parts.length > 0 ? parts.join(", ") : null) || obj.address || null;
  const entries = obj.locations ?? [];
  const sameCity = loc.city ? entries.filter((e) => e?.city === loc.city) : [];
  let point: { lat: number; lng: number } | null = null;
  for (const e of [...sameCity, ...entries]) {
    point = parseCoords(e?.coords);
    if (point) break;
  }
  const fields = compact({
    country: loc.country,
    country_code: loc.country_code,
    state: loc.region,
    region_code: loc.region_code,
    city: loc.city,
    postcode: loc.zip_code,
    telecommuting: loc.telecommuting,
    workplace_type: loc.workplace_type,
  });
  return { text, lat: point?.lat ?? null, lng: point?.lng ?? null, fields };
}

/** Drops null and undefined values (Workable treats a sent null as "clear this field"). */
export function compact<T extends Record<string, unknown>>(obj: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}
