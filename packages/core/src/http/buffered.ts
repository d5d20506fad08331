/**
 * A Response and a Request for bodies already in memory, without the WHATWG streams that undici
 * builds around every body.
 *
 * Why: an allocation profile of a 5,000-job sync (bench/README.md) still put a third of the bytes
 * allocated per job in body streams after the node:http transport: `new Response(bytes)` wraps the
 * bytes in a ReadableStream, reading it back takes a reader and a promise per chunk, a `clone()`
 * tees it into two more, and openapi-fetch's `new Request(url, { body })` builds one more stream
 * that the policy then reads back into an ArrayBuffer. Every answer our policy returns is fully
 * read (it is read inside the retry loop), so the bytes can be handed over as they are; a stream
 * is only built when someone asks for `body`.
 */

const decoder = new TextDecoder();
/** The Fetch standard's null body statuses: a Response with one of them carries no body. */
export const NULL_BODY: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/** A fully read answer: the standard Response surface over bytes in memory. */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array;
  readonly #url: string;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;
  // The body parsed once by the policy (to refuse a cut JSON body), handed to the first json().
  #parsed: { value: unknown } | undefined;

  constructor(bytes: Uint8Array, init: ResponseInit & { url: string }, parsed?: { value: unknown }) {
    const pairs = Array.isArray(init.headers) ? (init.headers as [string, string][]) : null;
    // No body given to the base class: that is what keeps undici from building a stream. Header
    // pairs are appended one by one: given as init, undici's WebIDL conversion copies every pair
    // through the iterator protocol, about 3 KB per answer (5% of a profile sync's allocations).
    super(null, pairs ? { status: init.status, statusText: init.statusText } : init);
    // Appending runs the same checks (and drops the same names) as the init would.
    if (pairs) for (const [name, value] of pairs) this.headers.append(name, value);
    this.#bytes = NULL_BODY.has(this.status) ? new Uint8Array(0) : bytes;
    this.#url = init.url;
    this.#parsed = parsed;
  }

  /** The bytes of the body, without consuming it (core's policy and error middleware read them). */
  get bytesRead(): Uint8Array {
    return this.#bytes;
  }

  /** The body parsed as JSON, parsed at most once across the policy and the first reader. */
  parsedJson(): unknown {
    this.#parsed ??= { value: JSON.parse(decoder.decode(this.#bytes)) };
    return this.#parsed.value;
  }

  #body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === undefined) {
      // Built on demand; reading or cancelling it marks the body used, as a disturbed stream does.
      const mark = () => {
        this.#used = true;
      };
      const bytes = this.#bytes;
      this.#stream = NULL_BODY.has(this.status)
        ? null
        : new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                mark();
                if (bytes.byteLength > 0) controller.enqueue(new Uint8Array(bytes));
                controller.close();
              },
              cancel: mark,
            },
            { highWaterMark: 0 },
          ); // no pull before someone reads
    }
    return this.#stream;
  }

  #bodyUsed(): boolean {
    return this.#used;
  }

  #json(): unknown {
    this.#consume(false);
    const parsed = this.#parsed;
    // The first reader gets the policy's parse; any later one (a clone) parses its own copy.
    this.#parsed = undefined;
    return parsed ? parsed.value : JSON.parse(decoder.decode(this.#bytes));
  }

  #clone(): BufferedResponse {
    if (this.#used || this.#stream?.locked)
      throw new TypeError("Response.clone: Body has already been consumed.");
    return new BufferedResponse(this.#bytes, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      url: this.#url,
    });
  }

  // The standard members are replaced on the prototype: Node's types declare them as properties,
  // which a class body cannot override with accessors or methods.
  static {
    const method = (value: (this: BufferedResponse) => unknown) => ({
      value,
      writable: true,
      configurable: true,
    });
    const getter = (get: (this: BufferedResponse) => unknown) => ({ get, configurable: true });
    // biome-ignore lint/complexity/noThisInStatic: the class name is not bound yet in tsc's output of a static block
    Object.defineProperties(this.prototype, {
      url: getter(function () {
        return this.#url;
      }),
      body: getter(function () {
        return this.#body();
      }),
      bodyUsed: getter(function () {
        return this.#bodyUsed();
      }),
      arrayBuffer: method(async function () {
        return this.#consume().buffer;
      }),
      bytes: method(async function () {
        return this.#consume();
      }),
      text: method(async function () {
        this.#consume(false);
        return decoder.decode(this.#bytes);
      }),
      json: method(async function () {
        return this.#json();
      }),
      blob: method(async function () {
        return new Blob([this.#consume()], { type: this.headers.get("content-type") ?? "" });
      }),
      formData: method(async function () {
        return new Response(this.#consume(), { headers: this.headers }).formData();
      }),
      clone: method(function () {
        return this.#clone();
      }),
    });
  }

  /** Marks the body read, as a stream read would; a copy unless the caller only decodes it. */
  #consume(copy: true): Uint8Array<ArrayBuffer>;
  #consume(copy: false): void;
  #consume(copy?: boolean): Uint8Array<ArrayBuffer>;
  #consume(copy = true): Uint8Array<ArrayBuffer> | undefined {
    if (this.#used || this.#stream?.locked)
      throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return copy ? this.#copy() : undefined;
  }

  // A copy, so that a caller writing into what it got never changes what a clone reads.
  #copy(): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.#bytes);
  }
}

/**
 * What openapi-fetch builds per call when given this class as its `Request`: the URL, method,
 * headers and serialized body as they are, no stream. The policy sends them directly; anything it
 * cannot send as is (FormData, Blob, streams) becomes a real Request there. It is not a Request
 * subclass (the base constructor would build the stream this avoids), so middlewares see the
 * fields they read (url, method, headers) and `clone()`, not the body mixins.
 */
export class LeanRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly redirect: NonNullable<RequestInit["redirect"]>;
  readonly signal: AbortSignal | null;

  constructor(input: string | URL, init: RequestInit = {}) {
    this.url = String(input);
    this.method = (init.method ?? "GET").toUpperCase();
    // openapi-fetch hands over a Headers it built for this call alone: kept, not copied.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.redirect = init.redirect ?? "follow";
    this.signal = init.signal ?? null;
  }

  clone(): LeanRequest {
    return new LeanRequest(this.url, {
      method: this.method,
      headers: new Headers(this.headers),
      body: this.body,
      redirect: this.redirect,
      ...(this.signal ? { signal: this.signal } : {}),
    });
  }
}

/** The body of an answer as text, leaving it unread for the next reader (for middlewares). */
export async function peekText(response: Response): Promise<string> {
  if (response instanceof BufferedResponse) return decoder.decode(response.bytesRead);
  return response.clone().text();
}

/**
 * The body of a JSON answer parsed, leaving it unread for the next reader; `undefined` when it is
 * empty or not JSON. On core's answers the parse is shared with the caller's, so treat it as
 * read-only.
 */
export async function peekJson(response: Response): Promise<unknown> {
  if (response instanceof BufferedResponse) {
    if (response.bytesRead.byteLength === 0) return undefined;
    try {
      return response.parsedJson();
    } catch {
      return undefined;
    }
  }
  const text = await response.clone().text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
