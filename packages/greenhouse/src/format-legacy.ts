import type { HrFlowJob } from "@hrflow-connectors/hrflow";
import { htmlToTextOrNull, tag, toIsoDate } from "@hrflow-connectors/hrflow";
import { referenceOf } from "./format.js";
import type { GreenhouseBoardJob } from "./objects.js";

/**
 * The text of a Job Board post's `content`. The Job Board API escapes the HTML once more
 * (`&lt;p&gt;`): the first pass turns the entities back into markup, the second reads the markup.
 * Content sent unescaped (no `&lt;`) is read once, so a literal "a < b" survives.
 */
export function boardContentText(content: string | null | undefined): string | null {
  if (!content) return null;
  const markup = /&lt;/i.test(content) ? htmlToTextOrNull(content) : content;
  return htmlToTextOrNull(markup);
}

/** A loose field of a post (some boards add `education` / `employment`), as text or null. */
const loose = (job: GreenhouseBoardJob, key: string): unknown =>
  (job as Record<string, unknown>)[key] ?? null;

/** Job Board post -> HrFlow job: the default format of `pull_job_list`. */
export function formatLegacyJob(job: GreenhouseBoardJob): HrFlowJob {
  const department = job.departments?.[0] ?? null;
  const office = job.offices?.[0] ?? null;
  const description = boardContentText(job.content);
  return {
    name: job.title ?? "",
    reference: referenceOf(job.id),
    url: job.absolute_url ?? null,
    summary: null,
    // The original crashed when the post had no location.
    location: { text: job.location?.name ?? null, lat: null, lng: null },
    sections: [
      {
        name: "greenhouse_description",
        title: "greenhouse_description",
        description,
      },
    ],
    tags: [
      tag("greenhouse_department-name", department?.name),
      tag("greenhouse_department-id", department?.id),
      tag("greenhouse_office-location", office?.location ?? "Undefined"),
      tag("greenhouse_office-id", office?.id ?? "Undefined"),
      tag("greenhouse_education", loose(job, "education")),
      tag("greenhouse_employment", loose(job, "employment")),
    ],
    updated_at: toIsoDate(job.updated_at),
  };
}
