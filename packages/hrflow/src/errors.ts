import { HttpError } from "@hrflow-connectors/core";
import type { HttpErrorInit } from "@hrflow-connectors/core/http";

/** HrFlow.ai's answer envelope. */
export type Envelope = { code?: number; message?: string; data?: unknown; meta?: unknown };

/** A failed HrFlow.ai call; `apiMessage` is the envelope's message (e.g. "Unable to find object: job"). */
export class HrFlowError extends HttpError {
  override name = "HrFlowError";
  readonly apiMessage: string;
  constructor(init: ConstructorParameters<typeof HttpError>[0] & { apiMessage: string }) {
    super(init);
    this.apiMessage = init.apiMessage;
  }
}

/** Whether an error is HrFlow's "Unable to find object" answer (for that object type when given). */
export function isNotFound(err: unknown, type?: "job" | "profile" | "board" | "source"): boolean {
  if (!(err instanceof HrFlowError)) return false;
  const m = /Unable to find object(?::\s*(\w+))?/i.exec(err.apiMessage);
  return Boolean(m) && (!type || !m![1] || m![1].toLowerCase() === type);
}

/** An HrFlowError from a failed answer, carrying the envelope's message. */
export function hrflowError(init: HttpErrorInit): HrFlowError {
  const envelope = init.parsed as Envelope | string | undefined;
  const apiMessage =
    typeof envelope === "object" && envelope !== null && typeof envelope.message === "string"
      ? envelope.message
      : typeof envelope === "string" && envelope
        ? envelope
        : "no body";
  return new HrFlowError({ ...init, apiMessage });
}
