import { zipSync } from "fflate";

/** One file to put in an archive. */
export interface ZipInput {
  name: string;
  data: Uint8Array | string;
}

/**
 * Writes a ZIP archive as TalentSoft's exports carry them (deflated, or stored with `store`), with
 * fflate, the library that reads them. Only the fake server and tests need to write archives.
 */
export function writeZip(entries: readonly ZipInput[], options: { store?: boolean } = {}): Uint8Array {
  const level = options.store ? 0 : 6;
  const files = Object.fromEntries(
    entries.map((e) => [
      e.name,
      [typeof e.data === "string" ? new TextEncoder().encode(e.data) : e.data, { level }] as const,
    ]),
  );
  return zipSync(files as Parameters<typeof zipSync>[0]);
}
