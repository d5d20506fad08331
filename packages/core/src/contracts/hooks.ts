import type { Events, Reason } from "./enums.js";

// The user-supplied functions of an action. They are declared as methods of a throwaway object so
// a function typed for one connector's items (e.g. `(job: WorkableJob) => ...`) is accepted where
// the engine only knows `unknown`: the engine hands each function what the previous stage made.
type Fn<A, R> = { bivariant(item: A): R }["bivariant"];

/** Keeps, changes or drops (null/undefined) an item. */
export type Logic<T = unknown> = Fn<T, unknown>;
/** Maps an origin item to a target item. */
export type Format<T = unknown> = Fn<T, unknown>;

/** What a callback is told once the write stage is over. */
export interface CallbackInfo {
  originParameters: unknown;
  targetParameters: unknown;
  events: Events;
  written: number;
  /** What the run's write session reported (`WriteSession.result`), if it reports anything. */
  result?: unknown;
}
/** Called once after the write stage with the run's parameters, counters and write result. */
export type Callback = (info: CallbackInfo) => void | Promise<void>;

/** Turns a webhook body into action options (parameters to override). */
export type EventParser = (event: unknown) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** An error found before the run (e.g. by a webhook event parser); ends the run fatal with this reason. */
export interface InitError {
  reason: Reason;
  data: Record<string, unknown>;
}
