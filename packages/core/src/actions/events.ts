import type { EventParser, InitError } from "../contracts/hooks.js";
import type { LegacyActionOptions, LegacyCatchOptions } from "./options.js";

const NESTED = ["origin_parameters", "target_parameters"] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  Boolean(v) && typeof v === "object" && !Array.isArray(v);

/**
 * Runs a webhook event parser (or passes the event through when there is none). A parser that
 * throws becomes the init error both action styles run with, so the failure is a fatal result.
 */
export async function parseEvent(
  parser: EventParser | undefined,
  event: unknown,
): Promise<{ fields: Record<string, unknown> } | { initError: InitError }> {
  try {
    const parsed = parser ? await parser(event) : event;
    return { fields: isObject(parsed) ? parsed : {} };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { initError: { reason: "event_parsing_failure", data: { error } } };
  }
}

/** Lays overrides over options key by key; an object over an object merges one level deep. */
export function mergeOptions<T extends object>(options: T, overrides: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] = isObject(value) && isObject(current) ? { ...current, ...value } : value;
  }
  return out as T;
}

/**
 * Applies a parsed webhook event to older-style options. A key that names an origin or target
 * parameter overrides it there (that style's own rule: parsers return flat keys such as
 * `profile_key`); `origin_parameters` / `target_parameters` objects merge key by key over the
 * configured ones; any other key replaces the top-level option (objects merge key by key).
 * `fromParser` false (the body itself, with no parser) applies the parameter-named keys only, so a
 * raw body cannot replace `workflow_id`, `persist` or whole parameter objects.
 */
export function mergeLegacyEvent(
  options: LegacyCatchOptions,
  parsed: Record<string, unknown>,
  shapes: { origin: Record<string, unknown>; target: Record<string, unknown> },
  fromParser: boolean,
): LegacyActionOptions {
  const origin = { ...options.origin_parameters };
  const target = { ...options.target_parameters };
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const named = key in shapes.origin || key in shapes.target;
    if (key in shapes.origin) origin[key] = value;
    if (key in shapes.target) target[key] = value;
    if (!named && fromParser && !(NESTED as readonly string[]).includes(key)) rest[key] = value;
  }
  // Explicit parameter objects are the most specific, so they win over flat keys.
  if (fromParser && isObject(parsed.origin_parameters)) Object.assign(origin, parsed.origin_parameters);
  if (fromParser && isObject(parsed.target_parameters)) Object.assign(target, parsed.target_parameters);
  return { ...mergeOptions(options, rest), origin_parameters: origin, target_parameters: target };
}
