import { describe, expect, it } from "vitest";
import { multipartBody } from "../src/multipart.js";

describe("multipartBody", () => {
  it("reads back with the standard FormData parser: every field, the file's bytes, name and type", async () => {
    // Bytes that look like multipart syntax and are not UTF-8 must come back unchanged.
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0x00, 0xfe, 0x0a]);
    const fields = [
      ["source_key", "abc"],
      ["reference", 'ref "quoted"'],
      ["tags", JSON.stringify([{ name: "a", value: "é\nb" }])],
      ["multi", "line one\nline two"],
    ] as const;
    const { body, contentType } = multipartBody(fields, {
      field: "file",
      fileName: 'cv "final"\r\n.pdf',
      contentType: "application/pdf",
      bytes,
    });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=-+hrflow-connectors-[0-9a-f]{24}$/);
    const form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": contentType },
    }).formData();
    expect(form.get("source_key")).toBe("abc");
    expect(form.get("reference")).toBe('ref "quoted"');
    expect(JSON.parse(String(form.get("tags")))).toEqual([{ name: "a", value: "é\nb" }]);
    expect(form.get("multi")).toBe("line one\r\nline two");
    const file = form.get("file") as File;
    // Escaped on the wire as FormData does (%22, %0D%0A), which the parser reads back.
    expect(file.name).toBe('cv "final"\r\n.pdf');
    expect(file.type).toBe("application/pdf");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
  });

  it("draws a new boundary per body", () => {
    const file = { field: "file", fileName: "a.txt", contentType: "text/plain", bytes: new Uint8Array(1) };
    expect(multipartBody([], file).contentType).not.toBe(multipartBody([], file).contentType);
  });
});
