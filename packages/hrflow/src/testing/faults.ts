/** A scripted misbehaviour for matching requests, applied `times` times. */
export interface FaultSpec {
  /** Any method when absent. */
  method?: string;
  /** Route under /v1, e.g. "/job/indexing" (exact match; a leading "/v1" is ignored). */
  path: string;
  /** Answer with this status and an error envelope (e.g. 429, 500). */
  status?: number;
  /** How many matching requests misbehave (default 1). */
  times?: number;
  /** The envelope message sent with `status` (default: a message fitting the status). */
  message?: string;
  /** Sends `Retry-After` with the status. */
  retryAfterSeconds?: number;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Answers 200 with a body that is not JSON. */
  malformed?: boolean;
}

interface Armed extends FaultSpec {
  left: number;
}

/** One logged request. */
export interface LoggedRequest {
  method: string;
  /** Route under /v1, e.g. "/job/indexing". */
  path: string;
  query: string;
  /** The status answered; 0 while the answer is pending. */
  status: number;
  at: number;
}

export const normalizeRoute = (path: string): string => {
  const p = path.startsWith("/v1") ? path.slice(3) : path;
  return p.length > 1 ? p.replace(/\/+$/, "") : p;
};

/** The faults waiting to fire, first armed first served. */
export class Faults {
  readonly #armed: Armed[] = [];

  add(spec: FaultSpec): void {
    this.#armed.push({ ...spec, path: normalizeRoute(spec.path), left: spec.times ?? 1 });
  }

  /** Consumes and returns the fault for this request, if any. */
  take(method: string, route: string): FaultSpec | undefined {
    const i = this.#armed.findIndex(
      (f) => f.left > 0 && f.path === route && (!f.method || f.method.toUpperCase() === method),
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

/** Every request the fake received, faults and auth failures included. */
export class RequestLog {
  readonly log: LoggedRequest[] = [];

  /** How many requests match the method (any when absent) and the route prefix (any when absent). */
  count(method?: string, pathPrefix?: string): number {
    const prefix = pathPrefix === undefined ? undefined : normalizeRoute(pathPrefix);
    return this.log.filter(
      (r) =>
        (!method || r.method === method.toUpperCase()) && (prefix === undefined || r.path.startsWith(prefix)),
    ).length;
  }

  reset(): void {
    this.log.length = 0;
  }
}
