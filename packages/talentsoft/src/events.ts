import type { LegacyAction, LegacyActionOptions, RunOptions, RunResult } from "@hrflow-connectors/core";

/**
 * TalentSoft webhook events name a candidate (`applicantId`) and, for resume updates, the file
 * (`fileId`). The parsers turn them into origin parameters; they never pass other keys on, so a
 * webhook body cannot replace the configured credentials or tenant URL.
 */

// A comma would turn the id filter into a list (`id::a,b`), widening the read to other candidates.
const ID = /^[^\s,]+$/;

function field(event: unknown, key: string): string {
  if (!event || typeof event !== "object") throw new Error("the event must be a JSON object");
  const value = (event as Record<string, unknown>)[key];
  if (value === undefined || value === null || value === "") throw new Error(`the event has no '${key}'`);
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !ID.test(text)) {
    throw new Error(`the event's '${key}' must be a single identifier`);
  }
  return text;
}

/** `applicant_new` event -> the candidate's id filter. */
export function applicantNewParser(event: unknown): { filter: string } {
  return { filter: `id::${field(event, "applicantId")}` };
}

/** `applicant_resume_update` event -> the candidate's id filter and the updated file. */
export function applicantResumeUpdateParser(event: unknown): { filter: string; fileId: string } {
  return { filter: `id::${field(event, "applicantId")}`, fileId: field(event, "fileId") };
}

/** `applicant_update` event -> the candidate's id filter. */
export function applicantUpdateParser(event: unknown): { filter: string } {
  return { filter: `id::${field(event, "applicantId")}` };
}

/**
 * Runs an older-style catch action from a webhook body: the event parser (the one given in
 * `action_parameters.event_parser`, else the action's) turns it into parameters, and each parsed
 * key that names an origin or target parameter overrides the configured value. A parser error ends
 * the run with `event_parsing_failure`. Nothing here is TalentSoft-specific (candidate for core).
 */
export async function catchLegacyEvent(
  action: LegacyAction,
  event: unknown,
  options: LegacyActionOptions,
  runtime?: RunOptions,
): Promise<RunResult> {
  const parser = options.action_parameters?.event_parser ?? action.eventParser;
  let parsed: Record<string, unknown>;
  try {
    const out = parser ? await parser(event) : event;
    parsed = out && typeof out === "object" ? (out as Record<string, unknown>) : {};
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return action.run(
      { ...options, init_error: { reason: "event_parsing_failure", data: { error } } },
      runtime,
    );
  }
  const pick = (shape: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(parsed).filter(([key]) => key in shape));
  return action.run(
    {
      ...options,
      origin_parameters: { ...options.origin_parameters, ...pick(action.origin.read!.parameters.shape) },
      target_parameters: { ...options.target_parameters, ...pick(action.target.write!.parameters.shape) },
    },
    runtime,
  );
}
