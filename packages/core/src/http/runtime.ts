import { Semaphore } from "./endpoint-concurrency.js";
import { type LimiterFactory, RateLimiter } from "./rate-limit.js";
import type { TokenSession } from "./token-session.js";

export interface HttpRuntimeOptions {
  /**
   * Builds each limiter (default: core's in-process sliding window), e.g. a Redis-backed one shared
   * by every process (`@hrflow-connectors/bullmq`'s `redisLimiterFactory`).
   */
  limiterFactory?: LimiterFactory;
}

/**
 * What the HTTP clients of a run share, owned by whoever runs it instead of by the module: the rate
 * limiters and the token sessions, one per vendor and credential. The engine makes one per run
 * unless `RunOptions.httpRuntime` passes one; a server or worker passes ONE to all its runs, so a
 * credential's limit and its live token hold across concurrent runs. Two copies of core in one
 * install cannot split it, since nothing lives in module state.
 */
export class HttpRuntime {
  readonly #limiters = new Map<string, RateLimiter>();
  readonly #sessions = new Map<string, TokenSession>();
  readonly #semaphores = new Map<string, Semaphore>();
  readonly #factory: LimiterFactory;

  constructor(options: HttpRuntimeOptions = {}) {
    this.#factory = options.limiterFactory ?? ((_key, requests, perMs) => new RateLimiter(requests, perMs));
  }

  /** The limiter for a key (vendor + credential): every client using the same credential shares it. */
  limiter(key: string, requests: number, perMs: number): RateLimiter {
    const id = `${key}|${requests}|${perMs}`;
    let limiter = this.#limiters.get(id);
    if (!limiter) {
      limiter = this.#factory(key, requests, perMs);
      this.#limiters.set(id, limiter);
    }
    return limiter;
  }

  /** The semaphore of a concurrency cap for a key (vendor + credential + cap): shared like limiters. */
  semaphore(key: string, max: number): Semaphore {
    const id = `${key}|${max}`;
    let semaphore = this.#semaphores.get(id);
    if (!semaphore) {
      semaphore = new Semaphore(max);
      this.#semaphores.set(id, semaphore);
    }
    return semaphore;
  }

  /** The token session for a key (vendor + credential fingerprint), created on first use. */
  session<S extends TokenSession>(key: string, create: () => S): S {
    let session = this.#sessions.get(key);
    if (!session) {
      session = create();
      this.#sessions.set(key, session);
    }
    return session as S;
  }

  /** Forgets every token session (after credentials were revoked); limiters keep their windows. */
  clearSessions(): void {
    this.#sessions.clear();
  }
}
