import type {
  HrFlowEducation,
  HrFlowExperience,
  HrFlowJob,
  HrFlowProfile,
  HrFlowSkill,
} from "@hrflow-connectors/hrflow";
import { htmlToText } from "@hrflow-connectors/hrflow";
import { compact, tagValue, toHrFlowDate, toHrFlowLocation, toWorkableDate } from "./format-helpers.js";
import {
  JOB_DESCRIPTION_FIELDS,
  type WorkableCandidate,
  type WorkableCandidateCreateBody,
  type WorkableCandidateItem,
  type WorkableJob,
  type WorkableListedCandidate,
} from "./objects.js";

const JOB_TAGS = [
  "id",
  "state",
  "department",
  "application_url",
  "employment_type",
  "industry",
  "function",
  "experience",
  "education",
] as const;

/** Workable job (detail) -> HrFlow job: the default format of the create and update job flows. */
export function formatJob(job: WorkableJob): HrFlowJob {
  const salary = job.salary;
  const hasSalary = salary && (salary.salary_from != null || salary.salary_to != null);
  return {
    name: job.title,
    reference: job.shortcode,
    url: job.url ?? null,
    location: toHrFlowLocation(job),
    sections: JOB_DESCRIPTION_FIELDS.filter((f) => job[f]).map((f) => ({
      name: f,
      title: f,
      description: job[f],
    })),
    created_at: toHrFlowDate(job.created_at),
    updated_at: toHrFlowDate(job.updated_at),
    summary: job.description ?? null,
    requirements: job.requirements ?? null,
    benefits: job.benefits ?? null,
    tags: JOB_TAGS.map((f) => ({ name: f, value: tagValue(job[f]) })),
    ranges_float: hasSalary
      ? [
          {
            name: "salary",
            value_min: salary.salary_from ?? null,
            value_max: salary.salary_to ?? null,
            unit: salary.salary_currency ?? null,
          },
        ]
      : [],
  };
}

/** Workable job -> the HrFlow job to archive, found by reference (the shortcode). */
export function formatJobArchive(job: WorkableJob): HrFlowJob {
  return { reference: job.shortcode, name: job.title };
}

const LEGACY_JOB_TAGS = [
  "employment_type",
  "full_title",
  "id",
  "code",
  "state",
  "department",
  "application_url",
  "shortlink",
] as const;

/**
 * Workable job (list item with descriptions) -> HrFlow job: the default format of the older
 * `pull_job_list`. Unlike the original, location fields and tags are really filled in.
 */
export function formatLegacyJob(job: WorkableJob): HrFlowJob {
  return {
    name: job.title,
    reference: job.shortcode,
    url: job.url ?? null,
    location: toHrFlowLocation(job),
    sections: (["description", "requirements", "benefits"] as const)
      .filter((f) => typeof job[f] === "string")
      .map((f) => ({ name: `workable_${f}`, title: `workable_${f}`, description: htmlToText(job[f]) })),
    created_at: toHrFlowDate(job.created_at),
    tags: LEGACY_JOB_TAGS.filter((f) => job[f] !== null && job[f] !== undefined).map((f) => ({
      name: `workable_${f}`,
      value: tagValue(job[f]),
    })),
  };
}

const INFO_URL_TYPES = new Set(["linkedin", "twitter", "facebook", "github"]);
type InfoUrlType = "linkedin" | "twitter" | "facebook" | "github";

/** Workable candidate (detail) -> HrFlow profile: the default format of the create and update profile flows. */
export function formatCandidate(c: WorkableCandidate): HrFlowProfile {
  const educations: HrFlowEducation[] = (c.education_entries ?? []).map((e) => ({
    school: e.school ?? null,
    title:
      e.degree && e.field_of_study
        ? `${e.degree} in ${e.field_of_study}`
        : e.degree || e.field_of_study || null,
    description: null,
    date_start: toHrFlowDate(e.start_date),
    date_end: toHrFlowDate(e.end_date),
    location: { text: null, lat: null, lng: null },
  }));
  const experiences: HrFlowExperience[] = (c.experience_entries ?? []).map((e) => ({
    company: e.company ?? null,
    title: e.title ?? null,
    description: e.summary ?? null,
    date_start: toHrFlowDate(e.start_date),
    date_end: toHrFlowDate(e.end_date),
    location: { text: null, lat: null, lng: null },
  }));
  const skills: HrFlowSkill[] = (c.skills ?? [])
    .map((s) => (typeof s === "string" ? s : s?.name))
    .filter((name): name is string => Boolean(name))
    .map((name) => ({ name, type: "hard", value: null }));
  const tags = {
    job: c.job,
    stage: c.stage,
    disqualified: c.disqualified,
    disqualified_at: c.disqualified_at,
    // Workable names it disqualification_reason; the original read a key that does not exist.
    disqualified_reason: c.disqualification_reason,
    hired_at: c.hired_at,
    source: c.source,
    answers: c.answers,
    workable_tags: c.tags,
  };
  return {
    reference: c.id,
    info: {
      full_name: c.name ?? null,
      first_name: c.firstname ?? null,
      last_name: c.lastname ?? null,
      email: c.email ?? null,
      phone: c.phone ?? null,
      summary: c.summary ?? null,
      picture: c.image_url ?? null,
      location: toHrFlowLocation(c),
      urls: (c.social_profiles ?? [])
        .filter((p) => INFO_URL_TYPES.has(p.type) && p.url)
        .map((p) => ({ type: p.type as InfoUrlType, url: p.url })),
    },
    created_at: toHrFlowDate(c.created_at),
    updated_at: toHrFlowDate(c.updated_at),
    educations,
    experiences,
    skills,
    tags: Object.entries(tags).map(([name, value]) => ({ name, value: tagValue(value) })),
    resume: c.resume ?? null,
  };
}

/**
 * Workable listed candidate -> the HrFlow profile to archive, found by reference (the candidate id).
 * An archive run reads the list only, so a custom archive format receives a `WorkableListedCandidate`.
 */
export function formatCandidateArchive(c: WorkableListedCandidate): HrFlowProfile {
  return { reference: c.id };
}

function resumeUrl(p: HrFlowProfile): string | null {
  const resume = (p.attachments ?? []).find((a) => a?.type === "resume" && a.public_url);
  return resume?.public_url ?? null;
}

function candidateFields(p: HrFlowProfile): WorkableCandidateItem {
  const info = p.info ?? {};
  return compact({
    firstname: info.first_name,
    lastname: info.last_name,
    email: info.email,
    phone: info.phone,
    address: info.location?.text,
    summary: info.summary,
    image_url: info.picture,
    // Workable requires a school and a title; the original's placeholder is kept for parity.
    education_entries: p.educations?.map((e) =>
      compact({
        school: e.school || "Undefined",
        degree: e.title,
        start_date: toWorkableDate(e.date_start),
        end_date: toWorkableDate(e.date_end),
      }),
    ) as WorkableCandidateItem["education_entries"],
    experience_entries: p.experiences?.map((e) =>
      compact({
        title: e.title || "Undefined",
        company: e.company,
        summary: e.description,
        start_date: toWorkableDate(e.date_start),
        end_date: toWorkableDate(e.date_end),
      }),
    ) as WorkableCandidateItem["experience_entries"],
    skills: p.skills?.map((s) => s.name),
    // Workable requires a URL per social profile; entries without one are left out.
    social_profiles: info.urls?.filter((u) => u.url).map((u) => ({ type: u.type, url: u.url as string })),
    resume_url: resumeUrl(p),
  });
}

/**
 * HrFlow profile -> Workable candidate: the default format of `create_profiles_in_workable`.
 * The write wraps it in `{candidate, sourced: true}`. Workable requires an email.
 */
export function formatProfile(p: HrFlowProfile): WorkableCandidateItem {
  if (!p.info?.email)
    throw new Error(`profile ${p.reference ?? p.key ?? ""} has no email, which Workable requires`);
  return { name: p.info.full_name ?? undefined, ...candidateFields(p) };
}

/**
 * HrFlow profile -> Workable candidate update: the default format of `update_profiles_in_workable`.
 * `id` is the HrFlow reference, which must be the Workable candidate id. Lists that HrFlow does not
 * have (null) are left out, so the update does not wipe them in Workable.
 */
export function formatProfileUpdate(p: HrFlowProfile): WorkableCandidateItem {
  if (!p.reference) throw new Error(`profile ${p.key ?? ""} has no reference (the Workable candidate id)`);
  return { ...candidateFields(p), id: p.reference };
}

/**
 * HrFlow profile -> create-candidate body: the default format of the older `push_profile`.
 * Returns the object itself (the original returned a JSON string) and keeps the first resume.
 */
export function formatLegacyProfile(p: HrFlowProfile): WorkableCandidateCreateBody {
  const info = p.info ?? {};
  if (!info.email)
    throw new Error(`profile ${p.reference ?? p.key ?? ""} has no email, which Workable requires`);
  const candidate = compact({
    name: info.full_name,
    summary: info.summary,
    email: info.email,
    phone: info.phone,
    address: info.location?.text,
    resume_url: resumeUrl(p),
  });
  return { sourced: true, candidate: { ...candidate, email: info.email } };
}
