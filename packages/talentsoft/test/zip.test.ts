import { describe, expect, it } from "vitest";
import { FramingError, frameRecords, readRecords, readZip, splitRecords, ZipError } from "../src/index.js";
import { fakePdf, writeZip } from "../src/testing/index.js";

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("ZIP archives of the exports", () => {
  it("reads deflated and stored entries, by name, with non-ASCII names and text", () => {
    const pdf = fakePdf("José's resume");
    for (const store of [false, true]) {
      const zip = readZip(
        writeZip(
          [
            { name: "applicantdetail", data: JSON.stringify({ name: "Amélie Lefèvre" }) },
            { name: "pièce-01", data: pdf },
          ],
          { store },
        ) as Uint8Array<ArrayBuffer>,
      );
      expect(zip.names()).toEqual(["applicantdetail", "pièce-01"]);
      expect(JSON.parse(zip.text("applicantdetail")!)).toEqual({ name: "Amélie Lefèvre" });
      const entry = zip.read("pièce-01")!;
      expect(entry).toEqual(pdf);
      // The entry owns its bytes: holding it does not hold the archive (nor the export page).
      expect(entry.buffer.byteLength).toBe(pdf.byteLength);
      expect(zip.read("missing")).toBeNull();
    }
  });

  it("refuses corrupt or truncated archives instead of returning wrong bytes", () => {
    const text = Array.from({ length: 40 }, (_, i) => `ligne ${i} : évaluée ${(i * 7919) % 997}`).join("\n");
    const archive = writeZip([{ name: "offerdetail", data: text }]);
    const flipped = archive.slice() as Uint8Array<ArrayBuffer>;
    for (let at = 45; at < 75; at++) flipped[at] = flipped[at]! ^ 0xff; // inside the deflated data
    expect(() => readZip(flipped).read("offerdetail")).toThrow(ZipError);
    expect(() => readZip(archive.slice(0, 30) as Uint8Array<ArrayBuffer>)).toThrow(/not a ZIP archive/);
    expect(() => readZip(bytes("not a zip at all, but long enough to be scanned"))).toThrow(ZipError);
  });

  it("reads ZIP64 archives whose sizes come in data descriptors (the old parser refused them)", () => {
    // Written by Python's zipfile to a non-seekable stream with ZIP64 forced: every local header
    // has bit 3 set (sizes in a data descriptor), the directory carries ZIP64 extra fields (one
    // offset is 0xFFFFFFFF) and the archive ends with the ZIP64 end records.
    const zip64 = new Uint8Array(Buffer.from(ZIP64_WITH_DESCRIPTORS, "base64"));
    expect(zip64[6]! & 8).toBe(8);
    const zip = readZip(zip64);
    expect(zip.names()).toEqual(["applicantdetail", "pièce-jointe"]);
    expect(JSON.parse(zip.text("applicantdetail")!)).toEqual({
      candidateDetail: { id: "C-64", name: "Chloé 陈" },
    });
    expect(zip.text("pièce-jointe")).toBe("%PDF-1.4 resume of Chloé\n".repeat(3));
  });
});

const ZIP64_WITH_DESCRIPTORS =
  "UEsDBC0ACAAIAAAAIQAAAAAA//////////8PABQAYXBwbGljYW50ZGV0YWlsAQAQAAAAAAAAAAAAAAAAAAAAAACrVkpOzEvJTEksSXVJLUnMzFGyUqhWykwBUkrOumYmSjoKSnmJualgfkZO/uGVCi9ndijV1gIAUEsHCP+J2yc3AAAAAAAAADkAAAAAAAAAUEsDBC0ACAgIAAAAIQAAAAAA//////////8NABQAcGnDqGNlLWpvaW50ZQEAEAAAAAAAAAAAAAAAAAAAAAAAUw1wcdM11DNRKEotLs1NVchPU3DOyMk/vJJLlQwZAFBLBwhFG5LfHwAAAAAAAABOAAAAAAAAAFBLAQItAy0ACAAIAAAAIQD/idsn//////////8PABQAAAAAAAAAAACAAQAAAABhcHBsaWNhbnRkZXRhaWwBABAAOQAAAAAAAAA3AAAAAAAAAFBLAQItAy0ACAgIAAAAIQBFG5Lf//////////8NABwAAAAAAAAAAACAAf////9wacOoY2Utam9pbnRlAQAYAE4AAAAAAAAAHwAAAAAAAACQAAAAAAAAAFBLBgYsAAAAAAAAAC0ALQAAAAAAAAAAAAIAAAAAAAAAAgAAAAAAAACoAAAAAAAAAAYBAAAAAAAAUEsGBwAAAACuAQAAAAAAAAEAAABQSwUGAAAAAAIAAgCoAAAABgEAAAAA";

describe("record framing (4-byte little-endian length, then the archive)", () => {
  it("splits what it frames, and an empty body has no records", () => {
    const records = [bytes("first"), bytes(""), bytes("third record")];
    const body = frameRecords(records);
    expect(body.byteLength).toBe(4 * 3 + 5 + 0 + 12);
    expect(new DataView(body.buffer).getUint32(0, true)).toBe(5);
    expect(splitRecords(body)).toEqual(records);
    expect(splitRecords(new Uint8Array(0))).toEqual([]);
  });

  it("refuses a body cut inside a length or a record", () => {
    const body = frameRecords([bytes("complete"), bytes("cut short")]);
    expect(() => splitRecords(body.slice(0, body.byteLength - 3))).toThrow(FramingError);
    expect(() => splitRecords(body.slice(0, 14))).toThrow(/ends inside a record length/);
  });

  it("opens each record as an archive", () => {
    const body = frameRecords([
      writeZip([{ name: "offerdetail", data: '{"offerDetail":{"reference":"A"}}' }]),
      writeZip([{ name: "offerdetail", data: '{"offerDetail":{"reference":"B"}}' }]),
    ]);
    expect(readRecords(body).map((z) => JSON.parse(z.text("offerdetail")!).offerDetail.reference)).toEqual([
      "A",
      "B",
    ]);
  });
});
