import type { ActionShape, AnyActionOptions } from "@hrflow-connectors/core/tooling";

/**
 * Makes a run hand each formatted item (what the target would receive) to `capture`, for
 * `run --dry-run --show N`. Each action knows where its format stage sits (core's `tapFormatted`).
 */
export function captureFormatted(
  action: ActionShape,
  options: AnyActionOptions,
  capture: (item: unknown) => void,
): AnyActionOptions {
  return action.tapFormatted(options, capture);
}
