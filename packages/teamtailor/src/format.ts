import type { HrFlowJob, HrFlowLocation, HrFlowProfile } from "@hrflow-connectors/hrflow";
import { htmlToText, tagValue, toIsoDate, toNumber } from "@hrflow-connectors/hrflow";
import type {
  TeamtailorCandidate,
  TeamtailorCandidateItem,
  TeamtailorCandidateWrite,
  TeamtailorJob,
  TeamtailorLocation,
} from "./objects.js";

const JOB_TAGS = [
  "start-date",
  "end-date",
  "status",
  "human-status",
  "language-code",
  "employment-type",
  "employment-level",
  "remote-status",
  "salary-time-unit",
  "min-salary",
  "max-salary",
  "currency",
  "internal",
  "internal-name",
  "pinned",
] as const;

/**
 * A job's location as HrFlow keeps it. Teamtailor sends coordinates as text: unparsable or null
 * ones become null (the original crashed on a null latitude); a job without location gets an
 * empty text, as in the original.
 */
export function toHrFlowLocation(location: TeamtailorLocation | null | undefined): HrFlowLocation {
  const a = location?.attributes;
  if (!a) return { text: "", lat: null, lng: null, fields: {} };
  return {
    text: a.address ?? a.name ?? "",
    lat: toNumber(a.lat),
    lng: toNumber(a.long),
    fields: { text: a.address ?? null, city: a.city ?? null, country: a.country ?? null, zip: a.zip ?? null },
  };
}

/** Teamtailor job (with its location) -> HrFlow job: the default format of the create and update job flows. */
export function formatJob(job: TeamtailorJob): HrFlowJob {
  const a = job.attributes ?? { title: "" };
  const links = job.links ?? {};
  const sections = [
    { name: "job_description", title: "job_description", description: a.body ?? null },
    { name: "job_pitch", title: "job_pitch", description: a.pitch ?? null },
  ];
  return {
    reference: job.id,
    name: a.title ?? "",
    summary: a.body ?? null,
    created_at: toIsoDate(a["created-at"]),
    updated_at: toIsoDate(a["updated-at"]),
    url: links["careersite-job-url"] ?? null,
    location: toHrFlowLocation(job.location),
    sections,
    tags: [
      ...JOB_TAGS.map((name) => ({ name, value: tagValue(a[name]) })),
      { name: "teamtailor_tags", value: tagValue(a.tags ?? []) },
      { name: "careersite-job-apply-url", value: tagValue(links["careersite-job-apply-url"]) },
    ],
    ranges_float: [
      {
        name: "Salary",
        value_min: toNumber(a["min-salary"]),
        value_max: toNumber(a["max-salary"]),
        unit: a.currency ?? null,
      },
    ],
    ranges_date: [
      { name: "Period", value_min: toIsoDate(a["start-date"]), value_max: toIsoDate(a["end-date"]) },
    ],
  };
}

/** Teamtailor job -> the HrFlow job to archive, found by reference (the job id). */
export function formatJobArchive(job: Pick<TeamtailorJob, "id" | "attributes">): HrFlowJob {
  return { reference: job.id, name: job.attributes?.title ?? "" };
}

/**
 * Teamtailor job -> HrFlow job: the default format of the older `pull_job_list`. Like the original,
 * the description is plain text (tags stripped); entities are decoded and lists kept as lines.
 */
export function formatLegacyJob(job: TeamtailorJob): HrFlowJob {
  const formatted = formatJob(job);
  const body = job.attributes?.body;
  return {
    ...formatted,
    summary: body ? htmlToText(body) : null,
    sections: [
      {
        name: "teamtailor_description",
        title: "teamtailor_description",
        description: body ? htmlToText(body) : null,
      },
    ],
  };
}

/** Teamtailor candidate -> HrFlow profile: the default format of the create and update profile flows. */
export function formatCandidate(c: TeamtailorCandidate): HrFlowProfile {
  const a = c.attributes ?? {};
  const first = a["first-name"] ?? null;
  const last = a["last-name"] ?? null;
  // The original wrote "None None" for a candidate without names.
  const full = [first, last].filter((n): n is string => Boolean(n)).join(" ") || null;
  const tags = {
    sourced: a.sourced,
    connected: a.connected,
    internal: a.internal,
    referred: a.referred,
    referring_url: a["referring-url"],
    referring_site: a["referring-site"],
    unsubscribed: a.unsubscribed,
    teamtailor_tags: a.tags ?? [],
  };
  return {
    reference: c.id,
    info: {
      full_name: full,
      first_name: first,
      last_name: last,
      email: a.email ?? null,
      phone: a.phone ?? null,
      picture: a.picture ?? null,
      summary: a.pitch ?? null,
      location: { text: "", lat: null, lng: null },
      // The original always sent a LinkedIn entry, null URL included.
      urls: a["linkedin-url"] ? [{ type: "linkedin", url: a["linkedin-url"] }] : [],
    },
    created_at: toIsoDate(a["created-at"]),
    updated_at: toIsoDate(a["updated-at"]),
    experiences: [],
    educations: [],
    tags: Object.entries(tags).map(([name, value]) => ({ name, value: tagValue(value) })),
    resume: c.resume_file ?? null,
  };
}

/** Teamtailor candidate -> the HrFlow profile to archive, found by reference (the candidate id). */
export function formatCandidateArchive(c: Pick<TeamtailorCandidate, "id">): HrFlowProfile {
  return { reference: c.id };
}

function resumeUrl(p: HrFlowProfile): string | undefined {
  const files = (p.attachments ?? []).filter((f) => f?.public_url);
  // The resume attachment when typed, else the first file (the original took attachments[0]).
  return (files.find((f) => f.type === "resume") ?? files[0])?.public_url ?? undefined;
}

function attributesOf(p: HrFlowProfile): TeamtailorCandidateWrite {
  const info = p.info ?? {};
  const linkedin = (info.urls ?? []).find((u) => u?.type === "linkedin" && u.url)?.url;
  const fields: TeamtailorCandidateWrite = {
    "first-name": info.first_name ?? undefined,
    "last-name": info.last_name ?? undefined,
    email: info.email ?? undefined,
    phone: info.phone ?? undefined,
    picture: info.picture ?? undefined,
    "linkedin-url": linkedin ?? undefined,
    pitch: info.summary ?? undefined,
    resume: resumeUrl(p),
  };
  // Teamtailor treats a sent null as "clear it": unset fields are left out.
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as TeamtailorCandidateWrite;
}

/** HrFlow profile -> Teamtailor candidate: the default format of `create_profiles_in_teamtailor`. */
export function formatProfile(p: HrFlowProfile): TeamtailorCandidateItem {
  return { attributes: { ...attributesOf(p), sourced: true } };
}

/**
 * HrFlow profile -> Teamtailor candidate update: the default format of `update_profiles_in_teamtailor`.
 * The HrFlow reference must be the Teamtailor candidate id.
 */
export function formatProfileUpdate(p: HrFlowProfile): TeamtailorCandidateItem {
  if (!p.reference) throw new Error(`profile ${p.key ?? ""} has no reference (the Teamtailor candidate id)`);
  return { id: p.reference, attributes: attributesOf(p) };
}

/**
 * HrFlow profile -> Teamtailor candidate: the default format of the older `push_profile`. The
 * original sliced a null summary (crash), sent `sourced: "sourced"` and HrFlow tag objects; this
 * sends the create format's attributes with the first resume attachment.
 */
export function formatLegacyProfile(p: HrFlowProfile): TeamtailorCandidateItem {
  return formatProfile(p);
}
