import type {
  HrFlowEducation,
  HrFlowExperience,
  HrFlowGeneralEntity,
  HrFlowJob,
  HrFlowProfile,
  HrFlowSkill,
} from "@hrflow-connectors/hrflow";
import { tagValue, toNumber } from "@hrflow-connectors/hrflow";
import { recruiteeDate as toIsoDate } from "./dates.js";
import type {
  RecruiteeCandidate,
  RecruiteeCandidateItem,
  RecruiteeCandidateWrite,
  RecruiteeField,
  RecruiteeListedOffer,
  RecruiteeOffer,
} from "./objects.js";

const OFFER_TAGS = [
  "category",
  "department",
  "options_cv",
  "options_cover_letter",
  "experience",
  "education",
  "employment_type",
  "number_of_openings",
  "candidates_count",
  "disqualified_candidates_count",
  "qualified_candidates_count",
  "hired_candidates_count",
  "email_confirmation_body",
  "status",
  "closed_at",
] as const;

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/** Recruitee offer -> HrFlow job: the default format of the job flows and of `pull_job_list`. */
export function formatOffer(o: RecruiteeOffer): HrFlowJob {
  const salary = o.salary ?? null;
  const period = text(salary?.period);
  const ranges = [];
  if (o.min_hours != null || o.max_hours != null) {
    ranges.push({
      name: "working hours",
      value_min: toNumber(o.min_hours),
      value_max: toNumber(o.max_hours),
      unit: "Hours per week",
    });
  }
  if (salary && (salary.min != null || salary.max != null)) {
    ranges.push({
      name: period ? `salary per ${period}` : "salary",
      value_min: toNumber(salary.min),
      value_max: toNumber(salary.max),
      unit: text(salary.currency),
    });
  }
  const sections = [
    { name: "job_requirements", title: "Job Requirements", description: text(o.requirements) },
    { name: "job_description", title: "Job Description", description: text(o.description) },
    { name: "job_highlights", title: "Job Highlights", description: text(o.highlight_html) },
  ].filter((s) => s.description);
  return {
    reference: String(o.id),
    name: o.title ?? "",
    created_at: toIsoDate(o.created_at),
    updated_at: toIsoDate(o.updated_at),
    location: {
      text: text(o.location),
      lat: null,
      lng: null,
      fields: { city: o.city ?? null, country: o.country ?? null, postcode: o.postal_code ?? null },
    },
    url: o.url ?? o.careers_url ?? null,
    summary: text(o.description),
    requirements: text(o.requirements),
    sections,
    tags: [
      ...OFFER_TAGS.map((name) => ({ name, value: tagValue(o[name]) })),
      { name: "remote_option", value: tagValue(o.remote) },
      { name: "offer_tags", value: tagValue(o.tags ?? []) },
    ],
    ranges_float: ranges,
  };
}

/**
 * Recruitee listed offer -> the HrFlow job to archive, found by reference (the offer id). An archive
 * run reads the list only, so a custom archive format receives a `RecruiteeListedOffer`.
 */
export function formatOfferArchive(o: RecruiteeListedOffer): HrFlowJob {
  return { reference: String(o.id), name: o.title ?? "" };
}

type Value = Record<string, unknown>;
const valuesOf = (fields: RecruiteeField[], kind: string): Value[] =>
  fields.filter((f) => f?.kind === kind).flatMap((f) => (f.values ?? []) as Value[]);
const first = (list: unknown): string | null =>
  Array.isArray(list) ? (list.map(text).find((v) => v !== null) ?? null) : null;
const KNOWN = new Set(["education", "experience", "language", "skill", "address", "date_of_birth", "gender"]);
const fieldText = (v: Value | undefined, ...keys: string[]): string | null => {
  for (const k of keys) if (text(v?.[k])) return v![k] as string;
  return null;
};

/** Recruitee candidate (detail) -> HrFlow profile: the default format of the profile flows. */
export function formatCandidate(c: RecruiteeCandidate): HrFlowProfile {
  const fields = (c.fields ?? []) as RecruiteeField[];
  const name = text(c.name)?.trim() ?? null;
  const words = name ? name.split(/\s+/) : [];
  const educations: HrFlowEducation[] = valuesOf(fields, "education").map((v) => ({
    school: fieldText(v, "school"),
    title: fieldText(v, "major", "degree"),
    description: fieldText(v, "description"),
    date_start: toIsoDate(v.start_date),
    date_end: toIsoDate(v.end_date),
    location: { text: null, lat: null, lng: null },
  }));
  const experiences: HrFlowExperience[] = valuesOf(fields, "experience").map((v) => ({
    company: fieldText(v, "company"),
    title: fieldText(v, "title"),
    description: fieldText(v, "description"),
    date_start: toIsoDate(v.start_date),
    date_end: toIsoDate(v.end_date),
    location: { text: fieldText(v, "location"), lat: null, lng: null },
  }));
  // Recruitee's kind is `skill`; the original looked for `skills` and always found none.
  const skills: HrFlowSkill[] = valuesOf(fields, "skill")
    .map((v) => fieldText(v, "text", "name", "value"))
    .filter((s): s is string => s !== null)
    .map((s) => ({ name: s, type: "hard", value: null }));
  const languages: HrFlowGeneralEntity[] = valuesOf(fields, "language")
    .filter((v) => text(v.language_name))
    .map((v) => ({ name: v.language_name as string, value: tagValue(v.level) }));
  const custom = fields
    .filter((f) => f && !KNOWN.has(f.kind ?? ""))
    .map((f) => ({ name: f.name || f.kind || "field", value: tagValue(f.values ?? []) }));
  const tags = {
    source: c.source,
    sources: c.sources,
    positive_ratings: c.positive_ratings,
    grouped_open_question_answers: c.grouped_open_question_answers,
    cover_letter: c.cover_letter,
    last_message_at: c.last_message_at,
    is_hired: c.is_hired,
  };
  const gender = fieldText(valuesOf(fields, "gender")[0], "gender", "text", "value");
  return {
    reference: String(c.id),
    text: text((c as { description?: unknown }).description),
    info: {
      full_name: name,
      first_name: words.length > 1 ? words.slice(0, -1).join(" ") : (words[0] ?? null),
      last_name: words.length > 1 ? words.at(-1)! : null,
      email: first(c.emails),
      phone: first(c.phones),
      date_birth: toIsoDate(fieldText(valuesOf(fields, "date_of_birth")[0], "date", "text", "value")),
      gender: gender === "male" || gender === "female" ? gender : null,
      picture: text(c.photo_url),
      location: { text: fieldText(valuesOf(fields, "address")[0], "text", "value"), lat: null, lng: null },
      urls: [...(c.social_links ?? []), ...(c.links ?? [])]
        .filter((u) => text(u))
        .map((url) => ({ type: "from_resume" as const, url })),
    },
    created_at: toIsoDate(c.created_at),
    updated_at: toIsoDate(c.updated_at),
    educations,
    experiences,
    skills,
    languages,
    tags: [
      ...Object.entries(tags).map(([n, v]) => ({ name: n, value: tagValue(v) })),
      ...custom,
      { name: "tags", value: tagValue(c.tags ?? []) },
    ],
    resume: c.cv_file ?? null,
  };
}

/** Recruitee candidate -> the HrFlow profile to archive, found by reference (the candidate id). */
export function formatCandidateArchive(c: Pick<RecruiteeCandidate, "id">): HrFlowProfile {
  return { reference: String(c.id) };
}

function candidateOf(p: HrFlowProfile): RecruiteeCandidateWrite {
  const info = p.info ?? {};
  const urls = (info.urls ?? []).filter((u) => u?.url);
  const resume = (p.attachments ?? []).find((a) => a?.type === "resume" && a.public_url)?.public_url;
  const candidate: RecruiteeCandidateWrite = {
    name: info.full_name ?? ([info.first_name, info.last_name].filter(Boolean).join(" ") || undefined),
    remote_cv_url: resume ?? undefined,
    emails: info.email ? [info.email] : [],
    phones: info.phone ? [info.phone] : [],
    social_links: urls.filter((u) => u.type !== "from_resume").map((u) => u.url as string),
    links: urls.filter((u) => u.type === "from_resume").map((u) => u.url as string),
    cover_letter: "",
  };
  return Object.fromEntries(
    Object.entries(candidate).filter(([, v]) => v !== undefined),
  ) as RecruiteeCandidateWrite;
}

/** HrFlow profile -> Recruitee candidate: the default format of `create_profiles_in_recruitee` and `push_profile`. */
export function formatProfile(p: HrFlowProfile): RecruiteeCandidateItem {
  const source = text((p as { source?: { name?: unknown } }).source?.name);
  return { candidate: { ...candidateOf(p), sources: source ? [source] : [] } };
}

/** HrFlow profile -> Recruitee candidate update; the HrFlow reference must be the candidate id. */
export function formatProfileUpdate(p: HrFlowProfile): RecruiteeCandidateItem {
  if (!p.reference) throw new Error(`profile ${p.key ?? ""} has no reference (the Recruitee candidate id)`);
  // An update sends what HrFlow has: an empty list or cover letter would wipe Recruitee's.
  const changes = Object.entries(candidateOf(p)).filter(([, v]) =>
    Array.isArray(v) ? v.length > 0 : v !== "",
  );
  return { id: p.reference, candidate: Object.fromEntries(changes) as RecruiteeCandidateWrite };
}

/** HrFlow profile -> the Recruitee candidate to delete (Recruitee's "archive" is a delete). */
export function formatProfileArchive(p: HrFlowProfile): RecruiteeCandidateItem {
  if (!p.reference) throw new Error(`profile ${p.key ?? ""} has no reference (the Recruitee candidate id)`);
  return { id: p.reference, candidate: {} };
}
