import type {
  HrFlowEducation,
  HrFlowExperience,
  HrFlowGeneralEntity,
  HrFlowJob,
  HrFlowProfile,
} from "@hrflow-connectors/hrflow";
import { htmlToTextOrNull, tag, toEpochMs } from "@hrflow-connectors/hrflow";
import { isoToMs, msToIso, resumeDate, splitName, textLocation, urlType } from "./format-helpers.js";
import type {
  LeverOpportunityCreate,
  LeverOpportunityWithResumes,
  LeverPosting,
  LeverResume,
} from "./objects.js";

/** The posting's tags, in the original's order: confidentiality, categories, tags, channels, URLs, then the rest. */
function postingTags(posting: LeverPosting): HrFlowGeneralEntity[] {
  const tags = [tag("lever_confidential", posting.confidentiality === "non-confidential" ? "False" : "True")];
  for (const [key, value] of Object.entries(posting.categories ?? {})) tags.push(tag(`lever_${key}`, value));
  (posting.tags ?? []).forEach((t, i) => {
    tags.push(tag(`lever_additional_tag_${i}`, t));
  });
  (posting.distributionChannels ?? []).forEach((c, i) => {
    tags.push(tag(`lever_distributionChannel_${i}`, c));
  });
  for (const [key, value] of Object.entries(posting.urls ?? {})) tags.push(tag(`lever_url_${key}`, value));
  if (posting.country) tags.push(tag("lever_country", posting.country));
  if (posting.state) tags.push(tag("lever_state", posting.state));
  if (posting.workplaceType) tags.push(tag("lever_workplaceType", posting.workplaceType));
  return tags;
}

/** Lever posting -> HrFlow job: the default format of `pull_job_list`. */
export function formatJob(posting: LeverPosting): HrFlowJob {
  const salary = posting.salaryRange;
  // Like the original, an absent or empty `salaryRange: {}` gives no range; one with neither bound
  // nor currency is empty too (the original sent a range of nulls for it).
  const hasSalary = salary && (salary.min != null || salary.max != null || salary.currency != null);
  return {
    reference: posting.id,
    name: posting.text,
    location: textLocation(posting.categories?.location),
    url: posting.urls?.show ?? null,
    summary: posting.content?.description || null,
    // A list without content no longer fails the job (the original raised KeyError).
    sections: (posting.content?.lists ?? []).map((list) => ({
      name: list.text ?? null,
      title: list.text ?? null,
      description: htmlToTextOrNull(list.content),
    })),
    tags: postingTags(posting),
    ranges_float: hasSalary
      ? [
          {
            name: "salary",
            value_min: salary.min ?? null,
            value_max: salary.max ?? null,
            unit: salary.currency ?? null,
          },
        ]
      : [],
    created_at: msToIso(posting.createdAt),
    updated_at: msToIso(posting.updatedAt),
  };
}

/** The resume to map: the most recently added one (the original took whichever came first). */
export function latestResume(resumes: LeverResume[] | null | undefined): LeverResume | null {
  let latest: LeverResume | null = null;
  let latestAt = 0;
  for (const r of resumes ?? []) {
    const at = toEpochMs(r.createdAt, "ms") ?? 0;
    if (!latest || at > latestAt) {
      latest = r;
      latestAt = at;
    }
  }
  return latest;
}

type ResumeEntry = NonNullable<NonNullable<LeverResume["parsedData"]>["positions"]>[number];

const entryFields = (e: ResumeEntry) => ({
  description: e.summary ?? null,
  location: textLocation(e.location),
  date_start: resumeDate(e.start),
  date_end: resumeDate(e.end),
  skills: [],
});

/** Lever opportunity (with its resumes under `profile`) -> HrFlow profile: the default format of `pull_profile_list`. */
export function formatProfile(opportunity: LeverOpportunityWithResumes): HrFlowProfile {
  const { first, last } = splitName(opportunity.name);
  const resume = latestResume(opportunity.profile);
  const parsed = resume?.parsedData;
  const experiences: HrFlowExperience[] = (parsed?.positions ?? []).map((p) => ({
    company: p.org ?? null,
    title: p.title ?? null,
    ...entryFields(p),
  }));
  const educations: HrFlowEducation[] = (parsed?.schools ?? []).map((s) => ({
    school: s.org ?? null,
    title: s.degree ?? null,
    ...entryFields(s),
  }));
  const file = resume?.file;
  return {
    reference: opportunity.id,
    created_at: msToIso(opportunity.createdAt),
    updated_at: msToIso(opportunity.updatedAt),
    info: {
      full_name: opportunity.name || null,
      first_name: first,
      last_name: last,
      email: opportunity.emails?.[0] ?? null,
      phone: opportunity.phones?.[0]?.value ?? null,
      location: textLocation(opportunity.location),
      urls: (opportunity.links ?? []).filter(Boolean).map((url) => ({ type: urlType(url), url })),
    },
    text_language: null,
    text: opportunity.headline || null,
    experiences,
    educations,
    attachments: file
      ? [
          {
            type: "original",
            file_name: file.name ?? null,
            original_file_name: file.name ?? null,
            extension: file.ext ?? null,
            public_url: file.downloadUrl ?? null,
            file_size: file.size ?? null,
            created_at: msToIso(file.uploadedAt),
          },
        ]
      : [],
    skills: [],
    tags: [],
  };
}

/**
 * HrFlow profile -> Lever create-opportunity body: the default format of `push_profile`.
 * Empty phones and emails are left out (the original sent `[{value: null}]` and `[null]`), null
 * companies and schools are skipped in the headline, and the resume's URL, which the original
 * put in a `file` field and then deleted unsent, is added to the links.
 */
export function formatOpportunity(profile: HrFlowProfile): LeverOpportunityCreate {
  const info = profile.info ?? {};
  const name = info.full_name || [info.first_name, info.last_name].filter(Boolean).join(" ");
  const places = [
    ...(profile.experiences ?? []).map((e) => e.company),
    ...(profile.educations ?? []).map((e) => e.school),
  ].filter((p): p is string => Boolean(p));
  const resumeUrl = profile.attachments?.find((a) => a.public_url)?.public_url;
  const links = [...(info.urls ?? []).map((u) => u.url), resumeUrl].filter((u): u is string => Boolean(u));
  const createdAt = isoToMs(profile.created_at);
  return {
    name,
    headline: places.length > 0 ? places.join(" , ") : null,
    location: info.location?.text ?? null,
    phones: info.phone ? [{ type: "mobile", value: info.phone }] : [],
    emails: info.email ? [info.email] : [],
    links: [...new Set(links)],
    tags: (profile.skills ?? []).map((s) => s.name).filter(Boolean),
    ...(createdAt !== null ? { createdAt } : {}),
  };
}
