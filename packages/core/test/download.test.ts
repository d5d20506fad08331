import { afterEach, describe, expect, it } from "vitest";
import { downloadedFileSchema, readDownloadedFile } from "../src/http/index.js";
import { HttpError } from "../src/index.js";
import { scriptedServer } from "./http-server.js";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("downloaded files", () => {
  it("reads bytes, the bare content type and the announced file name, else the URL's", async () => {
    const s = await scriptedServer([
      (_req, res) => {
        res.writeHead(200, {
          "content-type": "application/pdf; charset=binary",
          "content-disposition": "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
        });
        res.end(Buffer.from([37, 80, 68, 70]));
      },
      (_req, res) => res.end("plain"),
    ]);
    close = s.close;
    const file = await readDownloadedFile(
      await fetch(`${s.url}/files/cv-1.pdf`),
      `${s.url}/files/cv-1.pdf`,
      "acme",
    );
    expect(file).toEqual({
      raw: new Uint8Array([37, 80, 68, 70]),
      content_type: "application/pdf",
      file_name: "résumé.pdf",
    });
    expect(downloadedFileSchema.parse(file)).toEqual(file);
    const bare = await readDownloadedFile(
      await fetch(`${s.url}/files/cv%202.txt`),
      `${s.url}/files/cv%202.txt`,
      "acme",
    );
    expect([new TextDecoder().decode(bare.raw), bare.file_name]).toEqual(["plain", "cv 2.txt"]);
  });

  it("turns a refused download into an HttpError that masks the signed URL's token", async () => {
    const s = await scriptedServer([
      (_req, res) => {
        res.writeHead(403);
        res.end("expired");
      },
    ]);
    close = s.close;
    const url = `${s.url}/files/cv.pdf?signature=sig-secret-123`;
    const err = await readDownloadedFile(await fetch(url), url, "acme", ["sig-secret-123"]).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(403);
    expect((err as Error).message).not.toContain("sig-secret-123");
  });
});
