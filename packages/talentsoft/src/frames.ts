import { readZip, type ZipArchive } from "./zip.js";

/** An export body that does not follow TalentSoft's record framing. */
export class FramingError extends Error {
  override name = "FramingError";
}

/**
 * Splits an exports body into its records. TalentSoft frames each record as a 4-byte
 * little-endian length N followed by N bytes of a ZIP archive; an empty body has no records.
 */
export function splitRecords(body: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const records: Uint8Array<ArrayBuffer>[] = [];
  let at = 0;
  while (at < body.byteLength) {
    if (at + 4 > body.byteLength) {
      throw new FramingError(`export body ends inside a record length at byte ${at} of ${body.byteLength}`);
    }
    const length = view.getUint32(at, true);
    const start = at + 4;
    if (start + length > body.byteLength) {
      throw new FramingError(
        `export record at byte ${at} announces ${length} bytes but only ${body.byteLength - start} remain`,
      );
    }
    records.push(body.subarray(start, start + length));
    at = start + length;
  }
  return records;
}

/** The records of an exports body, each opened as a ZIP archive. */
export function readRecords(body: Uint8Array<ArrayBuffer>): ZipArchive[] {
  return splitRecords(body).map(readZip);
}

/** Frames records the way TalentSoft does (used by the fake server and tests). */
export function frameRecords(records: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const total = records.reduce((n, r) => n + 4 + r.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const record of records) {
    view.setUint32(at, record.byteLength, true);
    out.set(record, at + 4);
    at += 4 + record.byteLength;
  }
  return out;
}
