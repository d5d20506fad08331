import { inflateRawSync } from "node:zlib";

/** A ZIP archive that cannot be read (truncated, unsupported, or corrupt). */
export class ZipError extends Error {
  override name = "ZipError";
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

let table: Uint32Array | null = null;

/** CRC-32 (IEEE) of some bytes, as ZIP stores it. */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Entry {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of one archive, decompressed on demand (only the entries a caller asks for). */
export class ZipArchive {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #view: DataView;
  readonly #entries = new Map<string, Entry>();

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = this.#findEnd();
    const count = this.#u16(end + 10);
    let at = this.#u32(end + 16);
    for (let i = 0; i < count; i++) {
      if (this.#u32(at) !== CENTRAL) throw new ZipError("ZIP central directory is corrupt");
      const nameLength = this.#u16(at + 28);
      const name = new TextDecoder().decode(this.#slice(at + 46, nameLength));
      const entry: Entry = {
        method: this.#u16(at + 10),
        crc: this.#u32(at + 16),
        compressedSize: this.#u32(at + 20),
        size: this.#u32(at + 24),
        localOffset: this.#u32(at + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
        throw new ZipError(`ZIP64 entry ${name} is not supported`);
      }
      this.#entries.set(name, entry);
      at += 46 + nameLength + this.#u16(at + 30) + this.#u16(at + 32);
    }
  }

  /** Entry names in archive order. */
  names(): string[] {
    return [...this.#entries.keys()];
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** An entry's bytes, checked against its CRC; null when the archive has no such entry. */
  read(name: string): Uint8Array<ArrayBuffer> | null {
    const entry = this.#entries.get(name);
    if (!entry) return null;
    const at = entry.localOffset;
    if (this.#u32(at) !== LOCAL) throw new ZipError(`ZIP local header of ${name} is corrupt`);
    const start = at + 30 + this.#u16(at + 26) + this.#u16(at + 28);
    const raw = this.#slice(start, entry.compressedSize);
    let data: Uint8Array<ArrayBuffer>;
    // A stored entry is copied out: a view would keep the whole export page alive for as long as
    // the caller keeps the entry (an attachment travels on with its candidate).
    if (entry.method === STORED) data = raw.slice();
    else if (entry.method === DEFLATED) {
      try {
        data = new Uint8Array(inflateRawSync(raw));
      } catch (err) {
        throw new ZipError(`ZIP entry ${name} cannot be inflated: ${(err as Error).message}`);
      }
    } else throw new ZipError(`ZIP entry ${name} uses unsupported compression method ${entry.method}`);
    if (data.byteLength !== entry.size || crc32(data) !== entry.crc) {
      throw new ZipError(`ZIP entry ${name} is corrupt (size or CRC mismatch)`);
    }
    return data;
  }

  /** An entry decoded as UTF-8 text; null when absent. */
  text(name: string): string | null {
    const data = this.read(name);
    return data === null ? null : new TextDecoder().decode(data);
  }

  #findEnd(): number {
    // The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
    const last = this.#bytes.byteLength - 22;
    for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
      if (this.#view.getUint32(at, true) === EOCD) return at;
    }
    throw new ZipError("not a ZIP archive (no end of central directory)");
  }

  #u16(at: number): number {
    if (at + 2 > this.#bytes.byteLength) throw new ZipError("ZIP archive is truncated");
    return this.#view.getUint16(at, true);
  }

  #u32(at: number): number {
    if (at + 4 > this.#bytes.byteLength) throw new ZipError("ZIP archive is truncated");
    return this.#view.getUint32(at, true);
  }

  #slice(at: number, length: number): Uint8Array<ArrayBuffer> {
    if (at + length > this.#bytes.byteLength) throw new ZipError("ZIP archive is truncated");
    return this.#bytes.subarray(at, at + length);
  }
}

/** Opens a ZIP archive held in memory. */
export function readZip(bytes: Uint8Array<ArrayBuffer>): ZipArchive {
  return new ZipArchive(bytes);
}
