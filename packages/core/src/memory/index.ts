import v8 from "node:v8";

/** How `boundHeapGrowth` bounds V8's heap. */
export interface HeapGrowthOptions {
  /**
   * How far the old generation may grow over what was live after a full collection before the
   * next one starts, in percent (V8's `--heap-growing-percent`; 1 to 100, default 20).
   */
  heapGrowingPercent?: number;
}

let applied: string | undefined;

/**
 * Opt-in, for a program that cannot put flags on Node's command line: keeps V8's young generation
 * at its size at the time of the call and full collections close to what is live, for the whole
 * process, so a long sync's peak RSS stops growing with its size. Returns the V8 flags it set
 * (none when the same call was already made: calling it twice is harmless).
 */
export function boundHeapGrowth(options: HeapGrowthOptions = {}): string[] {
  const percent = options.heapGrowingPercent ?? 20;
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
    throw new RangeError(`heapGrowingPercent must be an integer from 1 to 100, got ${percent}`);
  }
  // Both are read by V8 each time it sizes a space, so unlike a size limit (--max-semi-space-size,
  // read once at start) they act when set at run time. The growth factor alone is not enough: a
  // small young generation promotes more, and the old generation then grows instead.
  const flags = ["--semi-space-growth-factor=1", `--heap-growing-percent=${percent}`];
  const key = flags.join(" ");
  if (applied === key) return [];
  for (const flag of flags) v8.setFlagsFromString(flag);
  applied = key;
  return flags;
}
