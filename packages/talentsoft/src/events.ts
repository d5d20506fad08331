/**
 * TalentSoft webhook events name a candidate (`applicantId`) and, for resume updates, the file
 * (`fileId`). The parsers turn them into origin parameters (core's `LegacyAction.catch` applies
 * them); they never pass other keys on, so a webhook body cannot replace the configured
 * credentials or tenant URL.
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
