import { randomBytes } from "node:crypto";

/** One file part of a multipart body. */
export interface MultipartFile {
  field: string;
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

// A replace costs its match state even when nothing matches (about 60 bytes a call, 30 calls a
// body): the text is only rewritten when it holds what is rewritten.
const hasBreak = (text: string) => text.includes("\r") || text.includes("\n");
// As the WHATWG FormData serialization escapes names: no quote or line break can end the header.
const escapeName = (name: string) =>
  hasBreak(name) || name.includes('"')
    ? name.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22")
    : name;
// Field values carry CRLF line breaks, as FormData normalizes them.
const normalize = (value: string) => (hasBreak(value) ? value.replace(/\r\n|\r|\n/g, "\r\n") : value);

/**
 * A `multipart/form-data` body (RFC 7578) as one buffer, with its Content-Type. Built by hand
 * because a FormData body goes through a Request and its stream to be read back (undici's body
 * extraction, WHATWG streams, a Blob): four copies of the file and about 100 KB of objects per
 * call that live as long as the request and so grow V8's young generation. Here the file is copied once.
 */
export function multipartBody(
  fields: readonly (readonly [string, string])[],
  file: MultipartFile,
): { body: Uint8Array; contentType: string } {
  const boundary = `----hrflow-connectors-${randomBytes(12).toString("hex")}`;
  // Two passes over the same pieces, measuring then writing them into one buffer of the exact
  // size: joining them into one text first cost a string per piece and a flattened copy of the
  // whole head (about 5 KB per resume, bench/README.md "bytes").
  let size = 0;
  walk(boundary, fields, file, (piece) => {
    size += typeof piece === "string" ? Buffer.byteLength(piece) : piece.byteLength;
  });
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  walk(boundary, fields, file, (piece) => {
    if (typeof piece === "string") at += body.write(piece, at);
    else {
      body.set(piece, at);
      at += piece.byteLength;
    }
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Gives the body's pieces in order: each field's part, then the file's. */
function walk(
  boundary: string,
  fields: readonly (readonly [string, string])[],
  file: MultipartFile,
  put: (piece: string | Uint8Array) => void,
): void {
  for (const field of fields) {
    put("--");
    put(boundary);
    put('\r\nContent-Disposition: form-data; name="');
    put(escapeName(field[0]));
    put('"\r\n\r\n');
    put(normalize(field[1]));
    put("\r\n");
  }
  put("--");
  put(boundary);
  put('\r\nContent-Disposition: form-data; name="');
  put(escapeName(file.field));
  put('"; filename="');
  put(escapeName(file.fileName));
  put('"\r\nContent-Type: ');
  put(hasBreak(file.contentType) ? file.contentType.replace(/[\r\n]/g, "") : file.contentType);
  put("\r\n\r\n");
  put(file.bytes);
  put("\r\n--");
  put(boundary);
  put("--\r\n");
}
