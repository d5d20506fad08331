/** A scripted misbehaviour for the next `times` matching requests. */
export interface FaultSpec {
  /** Any method when absent. */
  method?: string;
  /** A route template or path (exact); any route when absent. */
  route?: string;
  /** How many matching requests misbehave (default 1). */
  times?: number;
  /** Answer with this status (e.g. 429, 500, 503). */
  status?: number;
  /** The error message sent with `status`. */
  message?: string;
  /** Sends `Retry-After` (seconds) with the status. */
  retryAfterSeconds?: number;
  /** Waits this long before answering (to trip client timeouts). */
  delayMs?: number;
  /** Answers 200 with a body that is cut-off JSON. */
  malformed?: boolean;
}

/** Faults waiting to fire; the first armed matching fault is used first. */
export class Faults {
  readonly #armed: (FaultSpec & { left: number })[] = [];

  add(spec: FaultSpec): void {
    this.#armed.push({ ...spec, left: spec.times ?? 1 });
  }

  /** Consumes and returns the fault for this request, if one is armed. */
  take(method: string, route: string): FaultSpec | undefined {
    const i = this.#armed.findIndex(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
        (!f.route || f.route === route),
    );
    if (i < 0) return undefined;
    const fault = this.#armed[i]!;
    fault.left--;
    if (fault.left === 0) this.#armed.splice(i, 1);
    return fault;
  }

  clear(): void {
    this.#armed.length = 0;
  }
}
