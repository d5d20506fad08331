import { z } from "zod";
import { Redactor } from "../logging/redact.js";
import { HttpError } from "./errors.js";

/**
 * A downloaded file as every connector hands it on (a resume, a CV, an attachment), in the shape
 * HrFlow.ai's parsing takes: the bytes, the content type without parameters, and the file's name.
 */
export const downloadedFileSchema = z.object({
  raw: z.custom<Uint8Array<ArrayBuffer>>((v) => v instanceof Uint8Array, "must be bytes"),
  content_type: z.string(),
  file_name: z.string().nullable(),
});

/** A downloaded file (see `downloadedFileSchema`). */
export type DownloadedFile = z.output<typeof downloadedFileSchema>;

/** The file name a download announces (`Content-Disposition`), else the URL's last path segment. */
export function downloadFileName(disposition: string | null, url: string): string | null {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  if (match?.[1]) return decodeURIComponent(match[1]);
  const last = new URL(url).pathname.split("/").pop();
  return last ? decodeURIComponent(last) : null;
}

/**
 * Reads a file response into a `DownloadedFile`; a failed one becomes an HttpError whose URL and
 * message mask `secrets` (a token in a signed URL), and its body is released unread.
 */
export async function readDownloadedFile(
  response: Response,
  url: string,
  vendor: string,
  secrets: readonly string[] = [],
): Promise<DownloadedFile> {
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const redactor = new Redactor(secrets.filter(Boolean));
    throw new HttpError({ vendor, status: response.status, method: "GET", url, body: "", redactor });
  }
  const raw = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  return {
    raw,
    content_type: type.split(";")[0]?.trim() || "application/octet-stream",
    file_name: downloadFileName(response.headers.get("content-disposition"), url),
  };
}
