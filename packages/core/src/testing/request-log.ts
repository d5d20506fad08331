/** One request a fake server answered. */
export interface LoggedRequest {
  method: string;
  /** The route template (e.g. `/jobs/{shortcode}`), or the path when the fake has no templates. */
  route: string;
  path: string;
  query: string;
  /** The status answered; 0 while the answer is pending (e.g. an injected delay). */
  status: number;
  /** Epoch ms at arrival. */
  at: number;
  headers: Record<string, string | string[] | undefined>;
}

/** What to count: every given field must match; `routePrefix` matches the start of the route. */
export interface RequestFilter {
  method?: string;
  route?: string;
  routePrefix?: string;
  status?: number;
}

/** Every request a fake received, in arrival order, faults and auth failures included. */
export class RequestLog {
  readonly log: LoggedRequest[] = [];

  push(entry: LoggedRequest): void {
    this.log.push(entry);
  }

  /** The requests matching the filter. */
  filter(filter: RequestFilter = {}): LoggedRequest[] {
    const method = filter.method?.toUpperCase();
    return this.log.filter(
      (r) =>
        (method === undefined || r.method === method) &&
        (filter.route === undefined || r.route === filter.route) &&
        (filter.routePrefix === undefined || r.route.startsWith(filter.routePrefix)) &&
        (filter.status === undefined || r.status === filter.status),
    );
  }

  /** How many requests match: `count()`, `count({ status: 429 })`, `count({ method: "POST", route: "/jobs" })`. */
  count(filter: RequestFilter = {}): number {
    return this.filter(filter).length;
  }

  /** Requests that changed something (any method but GET, HEAD and OPTIONS). */
  get writes(): number {
    return this.log.filter((r) => !["GET", "HEAD", "OPTIONS"].includes(r.method)).length;
  }

  reset(): void {
    this.log.length = 0;
  }
}
