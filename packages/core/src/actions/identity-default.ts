import type { IdentityLocks } from "../engine/identity-locks.js";
import type { RunOptions } from "../engine/types.js";

/**
 * The run options with the action's own identity locks when the caller gave none: runs of one
 * action in a process (two webhook deliveries, two API calls) then never write one item at once.
 * A caller that runs several actions into one target passes one `identityLocks` to all of them.
 */
export function withIdentityLocks(runtime: RunOptions | undefined, own: IdentityLocks): RunOptions {
  return runtime?.identityLocks ? runtime : { ...runtime, identityLocks: own };
}
