import { isNetworkError, jsonListItems } from "@hrflow-connectors/core/http";
import type { DigitalRecruitersJobAd } from "./objects.js";

const WHERE = "DigitalRecruiters GET /export/job-ads";
/**
 * Each ad of a job-ad export body, parsed as its bytes arrive (core's `jsonListItems`): the ads of
 * one chunk at a time are held, never the document (an export of 10,000 ads is tens of MB of text,
 * several times that parsed). A body that is cut, stalls (core's policy stops it), is invalid, or
 * is not an object whose `ads` is a list throws, after the ads read so far were yielded.
 */
export function exportAds(
  body: AsyncIterable<Uint8Array>,
  maxAdBytes?: number,
): AsyncGenerator<DigitalRecruitersJobAd> {
  return jsonListItems<DigitalRecruitersJobAd>(lossNamed(body), {
    key: "ads",
    where: WHERE,
    what: "the export",
    ...(maxAdBytes ? { maxItemBytes: maxAdBytes } : {}),
  });
}

/**
 * The body's chunks; a connection lost (or stopped by core for a stall) mid-body is named as a
 * lost export, with core's short reason ("terminated", "no data for 30000 ms").
 */
async function* lossNamed(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await chunks.next();
      } catch (err) {
        done = true;
        const cause = isNetworkError(err) && err.cause instanceof Error ? err.cause : (err as Error);
        throw new Error(`${WHERE}: the connection was lost mid-export (${cause.message})`, { cause: err });
      }
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // A reader that stops early (a fatal run) releases the connection.
    if (!done) await chunks.return?.();
  }
}
