import type { Action, FlowActionOptions, Format, LegacyActionOptions, Logic } from "@hrflow-connectors/core";
import type { AnyActionOptions } from "./options.js";

/**
 * Makes a run hand each formatted item (what the target would receive) to `capture`, for
 * `run --dry-run --show N`. A flow formats last, so its format is wrapped (the user's, else the
 * flow's default); the older style formats first and applies logics after, so a last logic sees the
 * formatted items that the user's logics kept.
 */
export function captureFormatted(
  action: Action,
  options: AnyActionOptions,
  capture: (item: unknown) => void,
): AnyActionOptions {
  if (action.kind === "flow") {
    const o = options as FlowActionOptions;
    const base: Format = o.format ?? action.flow.format ?? ((item: unknown) => item);
    return {
      ...o,
      format: async (item: unknown) => {
        const out = await base(item);
        capture(out);
        return out;
      },
    };
  }
  const o = options as LegacyActionOptions;
  const last: Logic = (item: unknown) => {
    capture(item);
    return item;
  };
  const ap = o.action_parameters ?? {};
  return { ...o, action_parameters: { ...ap, logics: [...(ap.logics ?? []), last] } };
}
