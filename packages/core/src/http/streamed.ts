import type { IncomingMessage } from "node:http";
import { pipeline, type Readable, type Transform } from "node:stream";
import { NULL_BODY } from "./buffered.js";

/**
 * The RequestInit key under which the policy asks core's transport to hand an answer's body over
 * unread, as a byte stream (see `answerStream`); a symbol, so no other fetch ever sees it.
 */
export const STREAM: unique symbol = Symbol("hrflow-connectors.streamBody");

/**
 * Requests whose caller asked openapi-fetch for `parseAs: "stream"`: marked by the client's
 * middleware (`streamedCalls`), read by the policy. Keyed on the request object, so nothing
 * outlives the call.
 */
export const STREAMED_REQUESTS = new WeakSet<object>();

/** openapi-fetch middleware that tells the policy which calls want their body streamed. */
export const streamedCalls = {
  onRequest({ request, options }: { request: object; options: { parseAs?: string } }): undefined {
    if (options.parseAs === "stream") STREAMED_REQUESTS.add(request);
    return undefined;
  },
};

/**
 * An answer's body as a byte stream that reads the socket only when its reader asks (no
 * high-water mark of its own): what is not read waits in Node's small socket buffer and TCP's
 * window, so a slow reader slows the sender instead of filling memory. Decoded as it arrives when
 * `decoder` is given. A connection lost mid-body errors it as fetch does ("terminated", cause);
 * cancelling it closes the connection.
 */
export function answerStream(
  res: IncomingMessage,
  decoder: Transform | undefined,
): ReadableStream<Uint8Array> {
  // pipeline forwards an error of the socket's side to the decoder, which the reader sees.
  const source: Readable = decoder ? pipeline(res, decoder, () => {}) : res;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (err) {
          if (!cancelled) controller.error(new TypeError("terminated", { cause: err }));
          return;
        }
        if (cancelled) return;
        if (next.done) controller.close();
        else
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      cancel() {
        cancelled = true;
        res.destroy();
        if (source !== res) source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

// Headers that no longer describe a body once it is decoded as it streams.
const ENCODED_ONLY = new Set(["content-encoding", "content-length"]);

/** A Response whose body is the answer's stream; a decoded one loses its encoding and length. */
export function streamedResponse(
  answer: {
    status: number;
    statusText: string;
    headers: [string, string][];
    body: ReadableStream<Uint8Array>;
    decoded: boolean;
  },
  url: string,
): Response {
  const headers = answer.decoded
    ? answer.headers.filter(([k]) => !ENCODED_ONLY.has(k.toLowerCase()))
    : answer.headers;
  const init = { status: answer.status, statusText: answer.statusText, headers };
  // A null-body status (204, 304) takes no body: its connection is closed instead of read.
  const empty = NULL_BODY.has(answer.status);
  if (empty) answer.body.cancel().catch(() => {});
  const response = new Response(empty ? null : answer.body, init);
  // A constructed Response has no URL; the answer's is the one fetch would give.
  Object.defineProperty(response, "url", { value: url });
  return response;
}
