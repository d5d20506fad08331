import { JsonListScanner } from "./json-list-scanner.js";

const decoder = new TextDecoder();

/** How `jsonListItems` names the body in its errors, and bounds it. */
export interface JsonListOptions {
  /** The key of the top-level object's list, e.g. `ads`. */
  key: string;
  /** The call, for messages: e.g. `DigitalRecruiters GET /export/job-ads`. */
  where: string;
  /** What the body is, for the message of a cut one: "the export" (default "the document"). */
  what?: string;
  /** Largest element in bytes (default: core's body limit); a larger one throws. */
  maxItemBytes?: number;
}

/**
 * Each element of the top-level object's list under `key`, parsed as a streamed body's bytes arrive
 * (from `parseAs: "stream"`): only the elements of one chunk are held, never the document, and
 * each is parsed alone by JSON.parse. A body that is empty, cut, invalid, or not an object whose
 * `key` is a list throws, after the elements read whole were yielded; an object without `key` has
 * none. Errors of the body itself (a stall, a lost connection) pass through as they are.
 */
export async function* jsonListItems<T>(
  body: AsyncIterable<Uint8Array>,
  options: JsonListOptions,
): AsyncGenerator<T> {
  const { where } = options;
  const scanner = new JsonListScanner(options.key, options.maxItemBytes);
  let ready: T[] = [];
  const parse = (bytes: Uint8Array) => {
    try {
      ready.push(JSON.parse(decoder.decode(bytes)) as T);
    } catch (err) {
      throw new Error(`${where} returned invalid JSON: ${(err as Error).message}`);
    }
  };
  for await (const chunk of body) {
    try {
      scanner.write(chunk, parse);
    } catch (err) {
      // The scanner names a wrong shape (TypeError) or bytes that are no JSON (SyntaxError).
      if (err instanceof TypeError) throw new Error(`${where} returned ${err.message}`);
      if (err instanceof SyntaxError) throw new Error(`${where} returned invalid JSON: ${err.message}`);
      throw err;
    }
    const batch = ready;
    ready = [];
    yield* batch;
  }
  if (!scanner.opened) throw new Error(`${where} returned an empty body`);
  // A body that stops before its top-level object closes was cut.
  if (!scanner.ended)
    throw new Error(`${where} ended before ${options.what ?? "the document"} did (the body was cut)`);
  yield* ready;
}
