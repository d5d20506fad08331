import type { AnyWriteSession, WriteFailure, WriteSession } from "../contracts/aisle.js";
import type { WriteContext } from "../contracts/context.js";

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * An aisle's write session seen as one over the older style's items, when the older action's format
 * produces another shape (e.g. a vendor request body) than the aisle's items. Each item is mapped
 * before the aisle writes it; failures and skips are reported with the caller's original item, so
 * the dead letter keeps what the format produced and a replay sends it through the same map.
 */
export function sessionOverItems<L, T>(
  toAisleItem: (item: L) => T,
  skip: WriteContext["skip"],
  open: (skip: WriteContext["skip"]) => AnyWriteSession,
): WriteSession<L> {
  // Aisle item -> the item it was mapped from, for the batches in flight only (a batch removes its
  // own entries when done), so memory stays bounded by the batches the engine runs at once.
  const origin = new Map<unknown, L>();
  const session = open(skip && ((item, why) => skip(origin.has(item) ? origin.get(item) : item, why)));
  return {
    write: async (items) => {
      const failures: WriteFailure<L>[] = [];
      const mapped: T[] = [];
      for (const item of items) {
        try {
          const aisleItem = toAisleItem(item);
          origin.set(aisleItem, item);
          mapped.push(aisleItem);
        } catch (err) {
          // An item the map refuses fails alone, with the reason; the others are written.
          failures.push({ item, error: message(err) });
        }
      }
      if (mapped.length === 0) return failures;
      try {
        for (const failure of await session.write(mapped)) {
          if (!origin.has(failure.item)) {
            // Throwing fails the whole batch with the original items: nothing is lost or mislabelled.
            throw new Error("the aisle's write reported a failure for an item it was not given");
          }
          failures.push({ ...failure, item: origin.get(failure.item) as L });
        }
      } finally {
        for (const aisleItem of mapped) origin.delete(aisleItem);
      }
      return failures;
    },
    ...(session.finish ? { finish: session.finish.bind(session) } : {}),
    ...(session.result ? { result: session.result.bind(session) } : {}),
    // The identity of an older action's item is its aisle item's; one the map refuses has none.
    ...(session.identity ? { identity: (item: L) => identityOf(session, toAisleItem, item) } : {}),
  };
}

/** The identity the aisle's session gives the mapped item, or null when the item cannot be mapped. */
function identityOf<L, T>(session: AnyWriteSession, toAisleItem: (item: L) => T, item: L): string | null {
  try {
    return session.identity?.(toAisleItem(item)) ?? null;
  } catch {
    return null;
  }
}
