import type { Events } from "../contracts/enums.js";
import type { Logger } from "../logging/logger.js";
import { conformsAsIs } from "./conforms.js";
import type { DeadLetterStage } from "./dead-letter.js";
import type { Format, Logic } from "./types.js";

/** True for a promise or any object with a `then` method. */
export const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";

/** `Name: message` for errors, the value as text otherwise. */
export const errorText = (err: unknown): string =>
  err instanceof Error ? `${err.name}: ${err.message}` : String(err);

/** One per-item stage: the item, `undefined` when it was dropped, or a promise of either. */
export type ItemStep = (item: unknown) => unknown;

/** Puts the per-item stages in the order an action's style runs them. */
export type ItemPipeline = (stages: { logics: ItemStep; format: ItemStep }) => readonly ItemStep[];

/** The engine's own order, the original's v2: logics drop items before they are formatted. */
export const logicsThenFormat: ItemPipeline = ({ logics, format }) => [logics, format];

export interface StageContext {
  logics: Logic[];
  format: Format | null | undefined;
  /** Formatted items must match it; a mismatch is a format failure naming each bad path. */
  itemSchema?: import("zod").ZodType | undefined;
  targetName: string;
  events: Events;
  logger: Logger;
  /** Sends a dropped item to the dead-letter sink. */
  kill: (stage: DeadLetterStage, item: unknown, error: string) => void;
}

/**
 * The per-item stages. Each returns the item, `undefined` when the item was dropped (counted and
 * dead-lettered here), or a promise of either. They stay synchronous unless a user function returns
 * a promise: fewer promises per item means less garbage, so throughput and memory stay steady.
 */
export function itemStages(c: StageContext): {
  applyLogics: (item: unknown) => unknown;
  applyFormat: (item: unknown) => unknown;
} {
  const logicFailed = (i: number, item: unknown, err: unknown): undefined => {
    c.events.logics_failure++;
    c.logger.error(`Failed to apply logic function number=${i} error=${errorText(err)}`);
    c.kill("logics", item, errorText(err));
    return undefined;
  };
  const discarded = (): undefined => {
    c.events.logics_discard++;
    return undefined;
  };
  const applyLogics = (item: unknown, from = 0): unknown => {
    for (let i = from; i < c.logics.length; i++) {
      let out: unknown;
      try {
        out = c.logics[i]!(item);
      } catch (err) {
        return logicFailed(i, item, err);
      }
      if (isThenable(out)) {
        const input = item;
        return Promise.resolve(out).then(
          (v) => (v === null || v === undefined ? discarded() : applyLogics(v, i + 1)),
          (err) => logicFailed(i, input, err),
        );
      }
      if (out === null || out === undefined) return discarded();
      item = out;
    }
    return item;
  };

  const formatFailed = (item: unknown, err: unknown): undefined => {
    c.events.format_failure++;
    c.kill("format", item, errorText(err));
    return undefined;
  };
  const checkFormatted = (item: unknown, out: unknown): unknown => {
    if (!c.itemSchema) return out;
    // An item the format just built that already is what the schema answers is kept: zod's copy
    // of it was the largest allocation per profile (see conforms.ts). Without a format the item is
    // the source's own, so it is still copied.
    if (out !== item && conformsAsIs(c.itemSchema, out)) return out;
    const res = c.itemSchema.safeParse(out);
    if (res.success) return res.data;
    const why = res.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return formatFailed(item, new Error(`formatted item does not match ${c.targetName} schema: ${why}`));
  };
  const applyFormat = (item: unknown): unknown => {
    let out: unknown;
    try {
      out = c.format ? c.format(item) : item;
    } catch (err) {
      return formatFailed(item, err);
    }
    if (isThenable(out)) {
      return Promise.resolve(out).then(
        (v) => checkFormatted(item, v),
        (err) => formatFailed(item, err),
      );
    }
    return checkFormatted(item, out);
  };
  return { applyLogics: (item) => applyLogics(item), applyFormat };
}
