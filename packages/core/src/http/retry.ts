/**
 * The retry schedule of the HTTP policy, as pure functions of the attempt number (randomness is
 * passed in), so the waits can be reasoned about and tested without a clock.
 */

export interface RetryOptions {
  /** Attempts after the first one (default 4). */
  retries?: number;
  /** First backoff delay in ms (default 250); doubles each attempt, with full jitter. */
  baseDelayMs?: number;
  /** Longest single wait in ms, Retry-After included (default 60 000). */
  maxDelayMs?: number;
}

/** Retry options with their defaults applied. */
export type RetrySchedule = Required<RetryOptions>;

/** The schedule `options` describe, defaults filled in. */
export function retrySchedule(options: RetryOptions | undefined): RetrySchedule {
  return {
    retries: options?.retries ?? 4,
    baseDelayMs: options?.baseDelayMs ?? 250,
    maxDelayMs: options?.maxDelayMs ?? 60_000,
  };
}

/** Whether a failed attempt (0-based) may be followed by another: retryable, and budget left. */
export function mayRetry(retryable: boolean, attempt: number, schedule: RetrySchedule): boolean {
  return retryable && attempt < schedule.retries;
}

/**
 * The wait after failed attempt `attempt` (0-based): the server's Retry-After hint plus up to 50 ms
 * of jitter when it gave one, else exponential backoff with full jitter; never over `maxDelayMs`.
 */
export function retryDelay(
  attempt: number,
  hintMs: number | null,
  schedule: RetrySchedule,
  random: () => number = Math.random,
): number {
  const wait = hintMs !== null ? hintMs + random() * 50 : random() * schedule.baseDelayMs * 2 ** attempt;
  return Math.min(schedule.maxDelayMs, wait);
}
