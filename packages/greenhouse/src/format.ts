import type {
  HrFlowEducation,
  HrFlowExperience,
  HrFlowGeneralEntity,
  HrFlowJob,
  HrFlowProfile,
} from "@hrflow-connectors/hrflow";
import { htmlToTextOrNull, tag, toIsoDate, toNumber } from "@hrflow-connectors/hrflow";
import type {
  GreenhouseCandidate,
  GreenhouseCandidateItem,
  GreenhouseJob,
  GreenhouseTyped,
} from "./objects.js";

/** The id of a Greenhouse record as the HrFlow reference (the original sent profiles' as numbers). */
export function referenceOf(id: unknown): string | null {
  if (typeof id === "number" && Number.isFinite(id)) return String(id);
  return typeof id === "string" && id.trim() !== "" ? id.trim() : null;
}

/** A custom field's value: v3 gives either the value or `{value, ...}` (the original crashed on a plain one). */
function customValue(fields: Record<string, unknown> | null | undefined, key: string): unknown {
  const field = fields?.[key];
  if (field && typeof field === "object" && !Array.isArray(field) && "value" in field) {
    return (field as { value: unknown }).value;
  }
  return field ?? null;
}

/** `custom_fields.salary_range` as an HrFlow range, numbers given as text included; null when empty. */
function salaryRange(job: GreenhouseJob): HrFlowJob["ranges_float"] {
  const range = customValue(job.custom_fields, "salary_range") as Record<string, unknown> | null;
  if (!range || typeof range !== "object") return [];
  const min = toNumber(range.min_value);
  const max = toNumber(range.max_value);
  if (min === null && max === null) return [];
  const unit = typeof range.unit === "string" ? range.unit : null;
  return [{ name: "salary", value_min: min, value_max: max, unit }];
}

/** Harvest v3 job (department and offices joined) -> HrFlow job: the create and update job flows' format. */
export function formatJob(job: GreenhouseJob): HrFlowJob {
  const offices = job.offices ?? [];
  const place = offices.find((o) => o?.location?.name)?.location?.name ?? offices[0]?.name ?? null;
  const tags: HrFlowGeneralEntity[] = [
    tag("requisition_id", job.requisition_id),
    tag("confidential", job.confidential),
    tag("status", job.status),
    tag("opened_at", job.opened_at),
    tag("closed_at", job.closed_at),
    tag("department", job.department?.name),
    ...offices.map((o) => tag("office", o?.name)),
    tag("employment_type", customValue(job.custom_fields, "employment_type")),
    tag("maximum_budget", customValue(job.custom_fields, "budget")),
    tag("is_template", job.is_template),
    tag("copied_from_id", job.copied_from_id),
  ];
  return {
    reference: referenceOf(job.id),
    // v3 (like v1) calls it `name`; the original read the Job Board's `title`, so it was always null.
    name: job.name ?? "",
    summary: htmlToTextOrNull(job.notes),
    url: null,
    location: { text: place, lat: null, lng: null },
    sections: job.notes ? [{ name: "notes", title: "notes", description: job.notes }] : [],
    created_at: toIsoDate(job.created_at),
    updated_at: toIsoDate(job.updated_at),
    tags,
    ranges_float: salaryRange(job),
  };
}

/** Harvest v3 job -> the HrFlow job to archive, found by reference. */
export function formatJobArchive(job: GreenhouseJob): HrFlowJob {
  return { reference: referenceOf(job.id), name: job.name ?? "" };
}

const firstValue = (list: GreenhouseTyped[] | null | undefined): string | null =>
  list?.find((e) => typeof e?.value === "string" && e.value.trim() !== "")?.value?.trim() ?? null;

/** A Greenhouse date (`2019-05-01`, ISO time, or `{year, month}` text forms) as an HrFlow date, else null. */
const date = (value: unknown): string | null => toIsoDate(value);

/** "degree discipline" without the "None"s or crash of the original when either is null. */
function educationTitle(degree: unknown, discipline: unknown): string | null {
  const parts = [degree, discipline].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  return parts.length > 0 ? parts.map((p) => p.trim()).join(" ") : null;
}

/** Harvest v3 candidate (educations, employments and attachments joined) -> HrFlow profile. */
export function formatCandidate(candidate: GreenhouseCandidate): HrFlowProfile {
  const first = candidate.first_name?.trim() || null;
  const last = candidate.last_name?.trim() || null;
  const addresses = candidate.addresses ?? [];
  const home = addresses.find((a) => a?.type === "home" && a.value) ?? null;
  const educations: HrFlowEducation[] = (candidate.educations ?? []).map((e) => ({
    school: e.school_name ?? null,
    title: educationTitle(e.degree, e.discipline),
    description: null,
    location: { text: null, lat: null, lng: null },
    date_start: date(e.start_date),
    date_end: date(e.end_date),
    skills: [],
    certifications: [],
    courses: [],
    tasks: [],
  }));
  const experiences: HrFlowExperience[] = (candidate.employments ?? []).map((e) => ({
    title: e.title ?? null,
    company: e.company_name ?? null,
    description: null,
    location: { text: null, lat: null, lng: null },
    date_start: date(e.start_date),
    date_end: date(e.end_date),
    skills: [],
    certifications: [],
    courses: [],
    tasks: [],
  }));
  return {
    reference: referenceOf(candidate.id),
    info: {
      first_name: first,
      last_name: last,
      full_name: [first, last].filter(Boolean).join(" ") || null,
      email: firstValue(candidate.email_addresses),
      phone: firstValue(candidate.phone_numbers),
      location: { text: home?.value ?? null, lat: null, lng: null },
      urls: [],
    },
    text: htmlToTextOrNull(candidate.notes),
    created_at: toIsoDate(candidate.created_at),
    updated_at: toIsoDate(candidate.updated_at),
    attachments: (candidate.attachments ?? [])
      .filter((a) => a?.url)
      .map((a) => ({ type: a.type ?? null, file_name: a.filename ?? null, public_url: a.url ?? null })),
    educations,
    experiences,
    tags: (candidate.tags ?? []).filter((t) => typeof t === "string").map((t) => tag("greenhouse_tag", t)),
    skills: [],
  };
}

/** Harvest v3 candidate -> the HrFlow profile to archive, found by reference. */
export function formatCandidateArchive(candidate: GreenhouseCandidate): HrFlowProfile {
  return { reference: referenceOf(candidate.id) };
}

/** The original's tag naming the jobs a profile applies to; its value is `<board_key>_<job id>`. */
export const APPLICATION_TAG = "application_boardKey_jobReference";

/** Job ids from the application tags (a value whose part after `_` is not an integer is skipped). */
function applicationJobIds(tags: HrFlowProfile["tags"]): number[] {
  const ids: number[] = [];
  for (const t of tags ?? []) {
    if (t?.name !== APPLICATION_TAG || typeof t.value !== "string") continue;
    const last = t.value.split("_").at(-1)?.trim() ?? "";
    if (/^\d+$/.test(last) && !ids.includes(Number(last))) ids.push(Number(last));
  }
  return ids;
}

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const typedList = (value: unknown, type?: string): GreenhouseTyped[] =>
  nonEmpty(value) ? [{ value: value.trim(), ...(type ? { type } : {}) }] : [];

/** HrFlow profile -> Greenhouse candidate create body: the create_profiles_in_greenhouse format. */
export function formatProfile(profile: HrFlowProfile): GreenhouseCandidateItem {
  const info = profile.info ?? {};
  const names = (info.full_name ?? "").trim().split(/\s+/);
  const experiences = profile.experiences ?? [];
  const current = experiences[0];
  return {
    first_name: info.first_name?.trim() || names[0] || null,
    last_name: info.last_name?.trim() || (names.length > 1 ? names.slice(1).join(" ") : null),
    company: current?.company ?? null,
    title: current?.title ?? null,
    email_addresses: typedList(info.email, "personal"),
    phone_numbers: typedList(info.phone, "mobile"),
    addresses: typedList(info.location?.text, "home"),
    social_media_addresses: (info.urls ?? []).filter((u) => nonEmpty(u?.url)).map((u) => ({ value: u.url })),
    employments: experiences
      .filter((e) => nonEmpty(e?.title) && nonEmpty(e?.company) && nonEmpty(e?.date_start))
      .map((e) => ({
        company_name: e.company ?? null,
        title: e.title ?? null,
        start_date: e.date_start ?? null,
        end_date: e.date_end ?? null,
      })),
    job_ids: applicationJobIds(profile.tags),
  };
}

/**
 * HrFlow profile -> Greenhouse candidate changes, with the candidate id from the profile's reference
 * (the original's formatter never set it, so every update crashed).
 */
export function formatProfileUpdate(profile: HrFlowProfile): GreenhouseCandidateItem {
  const { job_ids: _applications, employments: _splitResource, ...fields } = formatProfile(profile);
  return { ...fields, id: referenceOf(profile.reference) };
}

/** HrFlow profile -> the Greenhouse candidate to archive (its id is the profile's reference). */
export function formatProfileArchive(profile: HrFlowProfile): GreenhouseCandidateItem {
  return { id: referenceOf(profile.reference) };
}
