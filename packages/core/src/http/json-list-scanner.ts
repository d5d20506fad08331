import { DEFAULT_MAX_BODY_BYTES } from "./body.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** JSON whitespace. */
function blank(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Finds, byte by byte, the elements of the top-level object's list under `key` (e.g. `ads`) in a
 * JSON document that arrives in chunks, and hands each one's bytes over as soon as its last byte
 * came, to be parsed alone with `JSON.parse`.
 *
 * Why not a streaming JSON parser: @streamparser/json's tokenizer built every DigitalRecruiters ad
 * token by token, about 20 KB of garbage per 2 KB ad (a third of the process's allocations at
 * 10,000 ads, which is what grew V8's young generation); scanning for an element's boundaries
 * allocates nothing, and the engine's own JSON.parse builds the element. Everything outside the list
 * is only scanned for its nesting, not validated; an invalid element fails its JSON.parse.
 */
export class JsonListScanner {
  /** Nesting of objects and lists; the top-level object is 1, the list 2. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** At depth 1, the next string is a key. */
  #expectKey = false;
  /** Bytes of the depth-1 key being read (only compared with the list's key). */
  #reading: number[] | null = null;
  #lastKeyIsList = false;
  /** At depth 1, after a key's colon: the next byte starts its value. */
  #expectValue = false;
  #inList = false;
  /** The element being read: where it started in this chunk (-1 in an earlier one) and its pieces. */
  #element: { start: number; pieces: Uint8Array[]; size: number; kind: number } | null = null;
  #opened = false;
  #ended = false;

  readonly #key: number[];

  /** `maxElementBytes` bounds one element (default: core's body limit), so memory stays bounded. */
  constructor(
    key: string,
    readonly maxElementBytes: number = DEFAULT_MAX_BODY_BYTES,
  ) {
    this.#key = [...Buffer.from(key)];
  }

  /** Whether the document's first character (an object) was seen. */
  get opened(): boolean {
    return this.#opened;
  }

  /** Whether the top-level object closed. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Scans one chunk; the text of every element completed in it goes to `onElement`. */
  write(chunk: Uint8Array, onElement: (bytes: Uint8Array) => void): void {
    const element = this.#element;
    if (element) element.start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.#inString) {
        this.#stringByte(byte, chunk, i, onElement);
        continue;
      }
      if (this.#ended) {
        if (!blank(byte)) throw new SyntaxError(`unexpected data after the document at byte ${i} of a chunk`);
        continue;
      }
      if (!this.#opened) {
        if (blank(byte)) continue;
        if (byte !== OPEN_OBJECT) throw new TypeError(`a body without ${this.#what()}`);
        this.#opened = true;
      }
      this.#structural(byte, chunk, i, onElement);
    }
    const open = this.#element;
    if (!open) return;
    open.pieces.push(chunk.subarray(open.start));
    open.size += chunk.length - open.start;
    if (open.size > this.maxElementBytes)
      throw new TypeError(
        `an element of \`${Buffer.from(this.#key).toString()}\` larger than ${this.maxElementBytes} bytes`,
      );
  }

  #stringByte(byte: number, chunk: Uint8Array, i: number, onElement: (bytes: Uint8Array) => void): void {
    if (this.#escaped) this.#escaped = false;
    else if (byte === BACKSLASH) this.#escaped = true;
    else if (byte === QUOTE) {
      this.#inString = false;
      const read = this.#reading;
      if (read) {
        this.#lastKeyIsList = read.length === this.#key.length && read.every((b, k) => b === this.#key[k]);
        this.#reading = null;
      }
      // A string that is an element of the list ends with its closing quote.
      if (this.#element?.kind === QUOTE && this.#depth === 2) this.#complete(chunk, i + 1, onElement);
      return;
    }
    if (this.#reading && this.#reading.length <= this.#key.length) this.#reading.push(byte);
  }

  #structural(byte: number, chunk: Uint8Array, i: number, onElement: (bytes: Uint8Array) => void): void {
    const element = this.#element;
    // A number or literal element ends at the first byte that is not part of it.
    if (
      element &&
      element.kind === 0 &&
      this.#depth === 2 &&
      (byte === COMMA || byte === CLOSE_LIST || blank(byte))
    )
      this.#complete(chunk, i, onElement);
    if (blank(byte)) return;
    if (this.#inList && this.#depth === 2 && !this.#element && byte !== COMMA && byte !== CLOSE_LIST) {
      this.#element = {
        start: i,
        pieces: [],
        size: 0,
        kind: byte === OPEN_OBJECT || byte === OPEN_LIST || byte === QUOTE ? byte : 0,
      };
    }
    if (this.#depth === 1 && this.#expectValue) {
      this.#expectValue = false;
      if (this.#lastKeyIsList && byte === OPEN_OBJECT)
        throw new TypeError(`\`${Buffer.from(this.#key).toString()}\` that is not a list`);
      this.#inList = this.#lastKeyIsList && byte === OPEN_LIST;
    }
    switch (byte) {
      case QUOTE:
        this.#inString = true;
        if (this.#depth === 1 && this.#expectKey) {
          this.#expectKey = false;
          this.#reading = [];
        }
        return;
      case COLON:
        if (this.#depth === 1) this.#expectValue = true;
        return;
      case COMMA:
        if (this.#depth === 1) this.#expectKey = true;
        return;
      case OPEN_OBJECT:
      case OPEN_LIST:
        this.#depth++;
        if (this.#depth === 1) this.#expectKey = true;
        return;
      case CLOSE_OBJECT:
      case CLOSE_LIST:
        this.#depth--;
        if (this.#depth < 0) throw new SyntaxError(`unexpected ${String.fromCharCode(byte)}`);
        if (this.#depth === 2 && this.#element && this.#element.kind !== 0)
          this.#complete(chunk, i + 1, onElement);
        if (this.#depth === 1 && this.#inList) this.#inList = false;
        if (this.#depth === 0) this.#ended = true;
        return;
    }
  }

  /** "an `ads` list", for messages. */
  #what(): string {
    return `an ${Buffer.from(this.#key).toString()} list`;
  }

  /** The element ends before `end` in this chunk: its bytes go to `onElement`. */
  #complete(chunk: Uint8Array, end: number, onElement: (bytes: Uint8Array) => void): void {
    const element = this.#element!;
    this.#element = null;
    const last = chunk.subarray(element.start, end);
    onElement(element.pieces.length === 0 ? last : Buffer.concat([...element.pieces, last]));
  }
}
