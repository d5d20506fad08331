import type { Mode } from "@hrflow-connectors/core";
import { toIsoDate } from "@hrflow-connectors/hrflow";
import { parseToken, trackedAttribute } from "./incremental.js";

/** Where a read stands: its mode, and in an incremental run the previous run's token. */
export interface ReadPosition {
  mode: Mode;
  incremental: boolean;
  incrementalToken: string | null;
}

const DATE_PARAMETERS: Record<string, string> = {
  filter_created_at_from: "filter[created-at][from]",
  filter_created_at_to: "filter[created-at][to]",
  filter_updated_at_from: "filter[updated-at][from]",
  filter_updated_at_to: "filter[updated-at][to]",
};

/**
 * Our snake_case parameters as Teamtailor's JSON:API query: `filter_remote_status` becomes
 * `filter[remote-status]`, dates become ISO 8601, booleans the text `true`/`false` (never Python's
 * `True`), and unset ones are left out. An incremental run moves its date filter to the token's
 * instant (unless the caller's own bound is later) and reads oldest first, so a checkpoint never
 * passes an item not yet read.
 */
export function listQuery(
  parameters: Record<string, unknown>,
  position: ReadPosition,
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (value === null || value === undefined) continue;
    if (key in DATE_PARAMETERS) {
      const iso = toIsoDate(value);
      if (iso) query[DATE_PARAMETERS[key]!] = iso;
    } else if (key === "sort") {
      query.sort = String(value);
    } else if (key.startsWith("filter_")) {
      query[`filter[${key.slice("filter_".length).replaceAll("_", "-")}]`] = String(value);
    }
  }
  if (position.incremental) {
    const attr = trackedAttribute(position.mode);
    const key = `filter[${attr}][from]`;
    if (position.incrementalToken) {
      const at = parseToken(position.incrementalToken).at;
      const own = query[key];
      if (!own || Date.parse(own) < Date.parse(at)) query[key] = at;
    }
    query.sort = `${attr},id`;
  }
  return query;
}
