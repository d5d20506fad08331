import { type UnzipFileInfo, unzipSync } from "fflate";

/*
 * TalentSoft wraps every exported record in a ZIP archive. The archives are read with fflate
 * (pure JS, no native code, typed, maintained, 8 kB): it reads the central directory, so data
 * descriptors (sizes written after the data by streaming writers) and ZIP64 archives work, and it
 * decompresses only the entries asked for. This replaces a hand-written central-directory parser
 * that refused ZIP64. fflate does not check CRC-32: a truncated archive, a corrupt deflate stream
 * or a size that does not match the directory still fails, and the bytes arrived over TLS.
 */

/** A ZIP archive that cannot be read (truncated, unsupported, or corrupt). */
export class ZipError extends Error {
  override name = "ZipError";
}

const STORED = 0;
const DEFLATED = 8;

/** The entries of one archive, decompressed on demand (only the entries a caller asks for). */
export class ZipArchive {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #entries = new Map<string, UnzipFileInfo>();

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.#bytes = bytes;
    // A filter that extracts nothing lists the directory without decompressing anything.
    this.#unzip(() => false);
  }

  /** Entry names in archive order. */
  names(): string[] {
    return [...this.#entries.keys()];
  }

  /** Whether the archive has an entry of that name. */
  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** An entry's bytes, checked against the directory's size; null when the archive has no such entry. */
  read(name: string): Uint8Array<ArrayBuffer> | null {
    const entry = this.#entries.get(name);
    if (!entry) return null;
    if (entry.compression !== STORED && entry.compression !== DEFLATED) {
      throw new ZipError(`ZIP entry ${name} uses unsupported compression method ${entry.compression}`);
    }
    const data = this.#unzip((f) => f.name === name)[0];
    if (!data || data.byteLength !== entry.originalSize) {
      throw new ZipError(`ZIP entry ${name} is corrupt (size mismatch)`);
    }
    // The entry gets its own buffer: a view would keep the whole export page alive for as long as
    // the caller keeps the entry (an attachment travels on with its candidate).
    return data.byteOffset === 0 && data.buffer.byteLength === data.byteLength
      ? (data as Uint8Array<ArrayBuffer>)
      : (data.slice() as Uint8Array<ArrayBuffer>);
  }

  /** An entry decoded as UTF-8 text; null when absent. */
  text(name: string): string | null {
    const data = this.read(name);
    return data === null ? null : new TextDecoder().decode(data);
  }

  /** Runs fflate over the archive, recording every entry seen, and returns the extracted ones. */
  #unzip(extract: (file: UnzipFileInfo) => boolean): Uint8Array[] {
    try {
      const out = unzipSync(this.#bytes, {
        filter: (file) => {
          if (!this.#entries.has(file.name)) this.#entries.set(file.name, { ...file });
          return extract(file);
        },
      });
      return Object.values(out);
    } catch (err) {
      const message = (err as Error).message;
      throw new ZipError(
        /end of central directory|invalid zip/i.test(message)
          ? `not a ZIP archive (${message})`
          : `ZIP archive cannot be read: ${message}`,
      );
    }
  }
}

/** Opens a ZIP archive held in memory. */
export function readZip(bytes: Uint8Array<ArrayBuffer>): ZipArchive {
  return new ZipArchive(bytes);
}
