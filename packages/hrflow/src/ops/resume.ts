import type { ResumeUpload } from "../client.js";
import type { HrFlowResume } from "../schemas.js";

const EXTENSIONS: Record<string, string> = {
  "application/pdf": ".pdf",
  "application/msword": ".doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.oasis.opendocument.text": ".odt",
  "application/rtf": ".rtf",
  "text/plain": ".txt",
  "text/html": ".html",
  "image/png": ".png",
  "image/jpeg": ".jpg",
};

/** The file name to send: the item's own, else `resume` plus the extension of its content type. */
export function resumeFileName(resume: Pick<HrFlowResume, "content_type" | "file_name">): string {
  if (resume.file_name) return resume.file_name;
  const type = resume.content_type.split(";")[0]!.trim().toLowerCase();
  return `resume${EXTENSIONS[type] ?? ""}`;
}

/** The bytes of a resume given as bytes or base64 text. */
export function resumeBytes(raw: Uint8Array | string): Uint8Array {
  return typeof raw === "string" ? new Uint8Array(Buffer.from(raw, "base64")) : raw;
}

/** Whether an item carries a file to parse. */
export function hasResume(resume: HrFlowResume | null | undefined): resume is HrFlowResume {
  return Boolean(
    resume && (typeof resume.raw === "string" ? resume.raw.length > 0 : resume.raw.byteLength > 0),
  );
}

/** The upload of an item's resume. */
export function resumeUpload(
  resume: HrFlowResume,
  fields: Omit<ResumeUpload, "file" | "contentType" | "fileName">,
): ResumeUpload {
  return {
    ...fields,
    file: resumeBytes(resume.raw),
    contentType: resume.content_type,
    fileName: resumeFileName(resume),
  };
}
