import type {
  HrFlowEducation,
  HrFlowExperience,
  HrFlowJob,
  HrFlowLocation,
  HrFlowProfile,
} from "@hrflow-connectors/hrflow";
import { tagValue, toIsoDate, toNumber } from "@hrflow-connectors/hrflow";
import type {
  SmartRecruitersCandidate,
  SmartRecruitersCandidateItem,
  SmartRecruitersJob,
  SmartRecruitersListedCandidate,
  SmartRecruitersListedJob,
} from "./objects.js";

const PREFIX = "smartrecruiters_";
const SECTIONS = ["companyDescription", "jobDescription", "qualifications", "additionalInformation"] as const;

/** Joins the non-empty parts with a space, as the original did (absent parts are skipped, not "None"). */
function joined(parts: unknown[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim() !== "").join(" ");
}

/** The tag paths of a job, in the original's order: `a-b` reads `job.a.b`. */
const JOB_TAGS = [
  "refNumber",
  "status",
  "postingStatus",
  "id",
  "experienceLevel-id",
  "typeOfEmployment-id",
  "compensation-min",
  "compensation-max",
  "compensation-currency",
  "industry-id",
  "creator-firstName",
  "creator-lastName",
  "function-id",
  "department-id",
  "location-manual",
  "location-remote",
  "eeoCategory-id",
  "targetHiringDate",
] as const;

/** The value at a dashed path; any null object on the way gives null (the original crashed there). */
function at(obj: unknown, path: string): unknown {
  let value: unknown = obj;
  for (const key of path.split("-")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

/** A job location: text from country, region, city and address, coordinates from numeric text. */
function jobLocation(job: SmartRecruitersJob): HrFlowLocation {
  const loc = job.location;
  if (!loc) return { text: "", lat: null, lng: null };
  return {
    text: joined([loc.country, loc.region, loc.city, loc.address]),
    lat: toNumber(loc.latitude),
    lng: toNumber(loc.longitude),
  };
}

/**
 * SmartRecruiters job (detail) -> HrFlow job: the default format of every job flow and of
 * `pull_job_list`. Dates come from `createdOn`/`updatedOn` (the original read lower-case keys that
 * do not exist, so its dates were always null); null objects give null tags instead of a crash.
 */
export function formatJob(job: SmartRecruitersJob): HrFlowJob {
  const sections = job.jobAd?.sections;
  return {
    reference: job.id,
    name: job.title || "Undefined",
    created_at: toIsoDate(job.createdOn),
    updated_at: toIsoDate(job.updatedOn),
    location: jobLocation(job),
    url: null,
    summary: null,
    sections: SECTIONS.flatMap((key) => {
      const section = sections?.[key];
      if (!section) return [];
      return [
        {
          name: `${PREFIX}jobAd-sections-${key}`,
          title: section.title ?? null,
          description: section.text ?? null,
        },
      ];
    }),
    tags: JOB_TAGS.map((path) => ({ name: `${PREFIX}${path}`, value: tagValue(at(job, path)) })),
  };
}

/**
 * SmartRecruiters listed job -> the HrFlow job to archive, found by reference (the job id). An
 * archive run reads the list only, so a custom archive format receives a `SmartRecruitersListedJob`.
 */
export function formatJobArchive(job: SmartRecruitersListedJob): HrFlowJob {
  return { reference: job.id, name: job.title || "Undefined" };
}

/** The HrFlow URL types a SmartRecruiters `web` key maps to; other links become tags. */
const URL_TYPES = new Set(["linkedin", "twitter", "facebook", "github"]);
type UrlType = "linkedin" | "twitter" | "facebook" | "github";

/** SmartRecruiters candidate (detail) -> HrFlow profile: the default format of every profile flow. */
export function formatCandidate(c: SmartRecruitersCandidate): HrFlowProfile {
  const loc = c.location;
  const web = Object.entries(c.web ?? {}).filter(
    (e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "",
  );
  const experiences: HrFlowExperience[] = (c.experience ?? []).filter(Boolean).map((e) => ({
    company: e.company ?? null,
    title: e.title ?? null,
    description: e.description ?? null,
    date_start: toIsoDate(e.startDate),
    date_end: toIsoDate(e.endDate),
    location: { text: e.location ?? null, lat: null, lng: null },
  }));
  const educations: HrFlowEducation[] = (c.education ?? []).filter(Boolean).map((e) => ({
    school: e.institution ?? null,
    // The original's "major,degree"; one of them alone when the other is missing (it crashed).
    title: e.major && e.degree ? `${e.major},${e.degree}` : e.major || e.degree || null,
    description: e.description ?? null,
    date_start: toIsoDate(e.startDate),
    date_end: toIsoDate(e.endDate),
    location: { text: e.location ?? null, lat: null, lng: null },
  }));
  return {
    reference: c.id,
    info: {
      first_name: c.firstName ?? null,
      last_name: c.lastName ?? null,
      full_name: joined([c.firstName, c.lastName]),
      email: c.email ?? null,
      phone: c.phoneNumber ?? null,
      location: loc
        ? {
            text: joined([loc.country, loc.region, loc.city]),
            lat: toNumber(loc.lat),
            lng: toNumber(loc.lng),
          }
        : { text: "", lat: null, lng: null },
      urls: web
        .filter(([type]) => URL_TYPES.has(type))
        .map(([type, url]) => ({ type: type as UrlType, url })),
    },
    created_at: toIsoDate(c.createdOn),
    updated_at: toIsoDate(c.updatedOn),
    experiences,
    educations,
    skills: [],
    // HrFlow knows no skype or website URL type: those links are kept as tags rather than dropped.
    tags: web
      .filter(([type]) => !URL_TYPES.has(type))
      .map(([type, url]) => ({ name: `${PREFIX}web-${type}`, value: url })),
  };
}

/**
 * SmartRecruiters listed candidate -> the HrFlow profile to archive, found by reference (the
 * candidate id). An archive run reads the list only (or, with `candidate_id`, that one candidate or
 * just its id when deleted), so a custom archive format receives a `SmartRecruitersListedCandidate`.
 */
export function formatCandidateArchive(c: SmartRecruitersListedCandidate): HrFlowProfile {
  return { reference: c.id };
}

/** An HrFlow date as the `YYYY-MM-DD` SmartRecruiters entries use, or null (the original sent "XXXX"). */
function datePart(value: string | null | undefined): string | null {
  const m = typeof value === "string" ? /^(\d{4}-\d{2}-\d{2})/.exec(value.trim()) : null;
  return m ? m[1]! : null;
}

const UNDEFINED = "Undefined";

/**
 * HrFlow profile -> SmartRecruiters candidate: the default format of `create_profiles_in_smartrecruiters`
 * and of `push_profile`. Entries go to `experience`/`education`, the keys SmartRecruiters reads (the
 * original sent plural keys); a missing location, null URLs or entry locations no longer crash.
 */
export function formatProfile(p: HrFlowProfile): SmartRecruitersCandidateItem {
  const info = p.info ?? {};
  const fields = (info.location?.fields ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : UNDEFINED);
  const web: Record<string, string> = {};
  for (const u of info.urls ?? []) if (u?.type && u.url) web[u.type] = u.url;
  return {
    firstName: info.first_name ?? null,
    lastName: info.last_name ?? null,
    email: info.email ?? null,
    phoneNumber: info.phone ?? null,
    location: {
      country: text(fields.country),
      region: text(fields.state),
      city: text(fields.city),
      lat: info.location?.lat ?? 0,
      lng: info.location?.lng ?? 0,
    },
    web,
    tags: [],
    consent: true,
    experience: (p.experiences ?? []).filter(Boolean).map((e) => ({
      title: e.title || UNDEFINED,
      company: e.company || UNDEFINED,
      current: false,
      startDate: datePart(e.date_start),
      endDate: datePart(e.date_end),
      location: e.location?.text ?? null,
      description: e.description ?? null,
    })),
    education: (p.educations ?? []).filter(Boolean).map((e) => ({
      institution: e.school || UNDEFINED,
      degree: e.title || UNDEFINED,
      major: UNDEFINED,
      current: false,
      startDate: datePart(e.date_start),
      endDate: datePart(e.date_end),
      location: e.location?.text ?? null,
      description: e.description ?? null,
    })),
  };
}

/** HrFlow profile -> candidate update: `id` is the HrFlow reference, the SmartRecruiters candidate id. */
export function formatProfileUpdate(p: HrFlowProfile): SmartRecruitersCandidateItem {
  if (!p.reference)
    throw new Error(`profile ${p.key ?? ""} has no reference (the SmartRecruiters candidate id)`);
  return { ...formatProfile(p), id: p.reference };
}

/** HrFlow profile -> the SmartRecruiters candidate to delete, by id (the HrFlow reference). */
export function formatProfileArchive(p: HrFlowProfile): SmartRecruitersCandidateItem {
  if (!p.reference)
    throw new Error(`profile ${p.key ?? ""} has no reference (the SmartRecruiters candidate id)`);
  return { id: p.reference };
}
