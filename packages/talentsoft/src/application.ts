import type { TalentSoftApplicantItem } from "./objects.js";

/**
 * The pure parts of a front-office application (no I/O): the uploaded file's content type and the
 * application's offer or spontaneous type.
 */

const MIME: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  rtf: "application/rtf",
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

/** The content type of a file name's extension, if known. */
export function mimeTypeOf(fileName: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext ? MIME[ext] : undefined;
}

/**
 * The application part: an offer application on `job_reference` when one is given or the format
 * set one; otherwise a spontaneous application rather than an offer application on "".
 */
export function applicationFor(
  application: TalentSoftApplicantItem["application"],
  jobReference: string | null,
): Record<string, unknown> {
  const offerReference = jobReference ?? application.offerReference ?? null;
  if (offerReference) return { ...application, type: application.type || "offer", offerReference };
  const { offerReference: _none, ...rest } = application;
  return { ...rest, type: "spontaneous" };
}
