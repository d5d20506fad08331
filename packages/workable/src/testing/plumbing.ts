/** One request the fake answered. */
export interface LoggedRequest {
  method: string;
  /** The route template, e.g. `/jobs/{shortcode}`. */
  route: string;
  path: string;
  query: string;
  status: number;
  /** Epoch ms at which the request arrived (the rate-limit window counts it then). */
  at: number;
  authorization?: string | undefined;
}

/** Every request the fake answered, in order. */
export class RequestLog {
  readonly log: LoggedRequest[] = [];

  push(entry: LoggedRequest): void {
    this.log.push(entry);
  }

  /** How many requests match: `count()`, `count({ status: 429 })`, `count({ method: "GET", route: "/jobs" })`. */
  count(filter: Partial<Pick<LoggedRequest, "method" | "route" | "status">> = {}): number {
    return this.log.filter(
      (r) =>
        (filter.method === undefined || r.method === filter.method) &&
        (filter.route === undefined || r.route === filter.route) &&
        (filter.status === undefined || r.status === filter.status),
    ).length;
  }

  /** Requests answered 429. */
  get throttled(): number {
    return this.count({ status: 429 });
  }
}

/** A route template for a path under /spi/v3. */
export function routeOf(path: string): string {
  return path
    .replace(/^\/jobs\/[^/]+\/candidates$/, "/jobs/{shortcode}/candidates")
    .replace(/^\/jobs\/[^/]+$/, "/jobs/{shortcode}")
    .replace(/^\/candidates\/[^/]+$/, "/candidates/{id}");
}

/** A fault to inject: matching requests get this answer instead of the real one. */
export interface FaultSpec {
  method?: string;
  /** A route template (`/jobs/{shortcode}`) or a path; any route when absent. */
  route?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  status?: number;
  message?: string;
  retryAfterSeconds?: number;
  /** A 200 whose body is cut-off JSON. */
  malformed?: boolean;
  /** Answer after this delay (to trigger client timeouts). */
  delayMs?: number;
}

/** Armed faults, consumed by matching requests. */
export class Faults {
  readonly #armed: (FaultSpec & { left: number })[] = [];

  add(spec: FaultSpec): void {
    this.#armed.push({ ...spec, left: spec.times ?? 1 });
  }

  take(method: string, route: string): FaultSpec | null {
    const i = this.#armed.findIndex(
      (f) => f.left > 0 && (!f.method || f.method === method) && (!f.route || f.route === route),
    );
    if (i < 0) return null;
    const fault = this.#armed[i]!;
    if (--fault.left === 0) this.#armed.splice(i, 1);
    return fault;
  }
}

/**
 * Workable's limiter: fixed windows of `perMs` (aligned on the clock), `requests` per window.
 * Every answer carries X-Rate-Limit-Limit/Remaining/Reset (Unix seconds of the next window).
 */
export class FixedWindow {
  #start = 0;
  #used = 0;

  constructor(
    readonly requests: number,
    readonly perMs: number,
  ) {}

  take(now = Date.now()): { allowed: boolean; headers: Record<string, string> } {
    const start = Math.floor(now / this.perMs) * this.perMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
    const allowed = this.#used < this.requests;
    if (allowed) this.#used++;
    return {
      allowed,
      headers: {
        "x-rate-limit-limit": String(this.requests),
        "x-rate-limit-remaining": String(this.requests - this.#used),
        "x-rate-limit-reset": String(Math.ceil((start + this.perMs) / 1000)),
      },
    };
  }
}
