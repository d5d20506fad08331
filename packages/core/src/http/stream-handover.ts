/** What one read of a body stream gives. */
export type ReadResult = Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>;

/** A streamed answer whose first bytes arrived within its attempt, ready to be handed to its caller. */
export interface Handover {
  /** The answer: its status, headers and URL are kept; its body is read through `reader`. */
  response: Response;
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** What the attempt read already (the first chunk, or the end of an empty body). */
  first: ReadResult;
  /** The longest silence allowed between two chunks. */
  stallMs: number;
  /** The run's signal: aborting it stops the transfer. */
  signal: AbortSignal | undefined;
  /** The error the reader gets when the body fails, e.g. a NetworkError naming the call (redacted). */
  failure: (why: string, cause: Error) => Error;
  /** Called once when the body ends, fails or is cancelled (the call's in-flight slot). */
  release: () => void;
}

/**
 * The answer as its caller gets it: the body read from the socket only as the caller reads it.
 * From here on nothing is retried (the caller has bytes already): a silence longer than `stallMs`
 * stops the transfer, a connection lost mid-body errors the stream, both with `failure`, and the
 * run's signal cancels it. The in-flight slot is held until the body is done with.
 */
export function handOver(h: Handover): Response {
  let pending: ReadResult | undefined = h.first;
  let finished = false;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const finish = (): boolean => {
    if (finished) return false;
    finished = true;
    h.signal?.removeEventListener("abort", onAbort);
    h.release();
    return true;
  };
  const fail = (err: unknown) => {
    if (finish()) controller?.error(err);
  };
  const onAbort = () => {
    const reason: unknown = h.signal?.reason;
    fail(reason);
    h.reader.cancel(reason).catch(() => {});
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (h.signal?.aborted) onAbort();
        else h.signal?.addEventListener("abort", onAbort, { once: true });
      },
      async pull(c) {
        const next = pending ?? (await readWithin(h, fail));
        pending = undefined;
        if (!next || finished) return;
        if (!next.done) return c.enqueue(next.value);
        finish();
        c.close();
      },
      async cancel(reason) {
        finish();
        await h.reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
  const out = new Response(body, {
    status: h.response.status,
    statusText: h.response.statusText,
    headers: h.response.headers,
  });
  // A constructed Response has no URL; the call's is kept.
  Object.defineProperty(out, "url", { value: h.response.url });
  return out;
}

/** The next chunk, or undefined once `fail` was given why there is none (a stall, a lost connection). */
async function readWithin(h: Handover, fail: (err: unknown) => void): Promise<ReadResult | undefined> {
  let stalled: Error | undefined;
  const timer = setTimeout(() => {
    stalled = new Error(`no data for ${h.stallMs} ms`);
    // Cancelling closes the connection and ends the pending read.
    h.reader.cancel(stalled).catch(() => {});
  }, h.stallMs);
  try {
    const next = await h.reader.read();
    if (!stalled) return next;
    fail(h.failure("the body stalled", stalled));
  } catch (err) {
    if (stalled) fail(h.failure("the body stalled", stalled));
    else fail(h.failure("the connection was lost mid-body", err as Error));
  } finally {
    clearTimeout(timer);
  }
  return undefined;
}
