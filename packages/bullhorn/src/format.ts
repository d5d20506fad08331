import type {
  HrFlowEducation,
  HrFlowExperience,
  HrFlowJob,
  HrFlowLocation,
  HrFlowProfile,
  HrFlowProfileParsing,
  HrFlowSkill,
} from "@hrflow-connectors/hrflow";
import { htmlToTextOrNull, tag, toEpochMs, toIsoDate } from "@hrflow-connectors/hrflow";
import type { BullhornCandidate, BullhornCandidateWrite, BullhornJob, BullhornResume } from "./objects.js";

const JOB_TAGS = [
  "durationWeeks",
  "degreeList",
  "employmentType",
  "numOpenings",
  "onSite",
  "salaryUnit",
  "startDate",
  "status",
  "type",
  "willRelocate",
  "salary",
  "isWorkFromHome",
  "hoursPerWeek",
  "hoursOfOperation",
  "dateAdded",
] as const;

/** Bullhorn's epoch milliseconds as ISO 8601 UTC (null when absent). */
const msDate = (value: unknown) => toIsoDate(value, "ms");

/** Text from a value that should be text; null otherwise. */
const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** An address as an HrFlow location; a missing address or missing keys give nulls, never a crash. */
function location(address: BullhornCandidate["address"]): HrFlowLocation {
  const a = address ?? {};
  const fields: Record<string, string> = {};
  for (const [key, value] of [
    ["city", a.city],
    ["country", a.countryCode],
    ["postal_code", a.zip],
    ["state", a.state],
  ] as const) {
    if (text(value)) fields[key] = value as string;
  }
  return { text: text(a.address1), lat: null, lng: null, fields };
}

/** A comma-separated skill list as HrFlow skills (blank entries and repeats dropped). */
function skillsOf(list: unknown): HrFlowSkill[] {
  if (typeof list !== "string") return [];
  const names = [...new Set(list.split(",").map((s) => s.trim()))].filter(Boolean);
  return names.map((name) => ({ name, type: "hard", value: null }));
}

/** Bullhorn job order -> HrFlow job: the default format of the create and update job flows. */
export function formatJob(job: BullhornJob): HrFlowJob {
  const description = text(job.publicDescription);
  return {
    name: text(job.title) ?? "",
    reference: String(job.id),
    location: location(job.address),
    // HTML kept as Bullhorn stores it, as the original did.
    sections: description
      ? [{ name: "Bullhorn_description", title: "Bullhorn_description", description }]
      : [],
    skills: skillsOf(job.skillList),
    created_at: msDate(job.dateAdded),
    updated_at: msDate(job.dateLastModified),
    tags: JOB_TAGS.map((name) => {
      const value = job[name];
      return tag(name, name === "degreeList" && Array.isArray(value) ? value.join(",") : value);
    }),
  };
}

/** Bullhorn job order -> the HrFlow job to archive, found by reference (the job order id). */
export function formatJobArchive(job: BullhornJob): HrFlowJob {
  // The original took the row's first key, which is the Lucene `_score` in a search row.
  return { reference: String(job.id), name: text(job.title) ?? "" };
}

function educationsOf(c: BullhornCandidate): HrFlowEducation[] {
  return (c.educations ?? []).map((e) => ({
    location: { text: text(e.city), lat: null, lng: null },
    school: text(e.school),
    date_start: msDate(e.startDate),
    date_end: msDate(e.endDate),
    title: text(e.degree),
    certifications: text(e.certification) ? [{ name: e.certification as string, value: null }] : [],
    description: htmlToTextOrNull(text(e.comments)),
  }));
}

function experiencesOf(c: BullhornCandidate): HrFlowExperience[] {
  return (c.workHistories ?? []).map((w) => ({
    company: text(w.companyName),
    title: text(w.title),
    location: { text: null, lat: null, lng: null },
    date_start: msDate(w.startDate),
    date_end: msDate(w.endDate),
    description: htmlToTextOrNull(text(w.comments)),
  }));
}

/** The resume as HrFlow parses it: bytes with their real type and name (the original said pdf always). */
function resumeOf(resume: BullhornResume | null | undefined) {
  if (!resume) return null;
  return {
    raw: resume.bytes,
    content_type: resume.contentType || "application/octet-stream",
    file_name: resume.name ?? null,
  };
}

/** Bullhorn candidate -> HrFlow profile: the default format of the create and update profile flows. */
export function formatProfile(c: BullhornCandidate): HrFlowProfile {
  const placements = c.activePlacements && typeof c.activePlacements === "object" ? c.activePlacements : null;
  return {
    reference: String(c.id),
    info: {
      full_name: text(c.name) ?? ([text(c.firstName), text(c.lastName)].filter(Boolean).join(" ") || null),
      first_name: text(c.firstName),
      last_name: text(c.lastName),
      email: text(c.email),
      phone: text(c.mobile) ?? text(c.phone),
      date_birth: msDate(c.dateOfBirth),
      location: location(c.address),
      gender: text(c.gender),
      urls: [],
      summary: htmlToTextOrNull(text(c.description)),
    },
    created_at: msDate(c.dateAdded),
    updated_at: msDate(c.dateLastModified),
    text_language: "en",
    experiences: experiencesOf(c),
    educations: educationsOf(c),
    skills: skillsOf(c.skillSet),
    tags: [
      tag("dateAvailable", c.dateAvailable),
      tag("status", c.status),
      tag("employeeType", c.employeeType),
      tag("activePlacements", placements?.total ?? null),
    ],
    metadatas: [],
    resume: resumeOf(c.resume),
  };
}

/** Bullhorn candidate -> the HrFlow profile to archive, found by reference (the candidate id). */
export function formatProfileArchive(c: BullhornCandidate): HrFlowProfile {
  return { reference: String(c.id) };
}

/**
 * Bullhorn candidate with its resume -> HrFlow parsing item: the default format of
 * `pull_resume_attachment_list`. A candidate without a resume file has nothing to parse.
 */
export function formatResumeAttachment(c: BullhornCandidate): HrFlowProfileParsing {
  const resume = resumeOf(c.resume);
  if (!resume) throw new Error(`Bullhorn candidate ${c.id} has no resume file to parse`);
  return {
    reference: String(c.id),
    created_at: msDate(c.dateAdded),
    resume,
    tags: [],
    metadatas: [],
  };
}

/** The entries of an object whose value is set (null and undefined left out). */
function compact(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined));
}

/** An HrFlow date as Bullhorn's epoch milliseconds (the original sent seconds, read as 1970). */
const bhDate = (value: string | null | undefined) => toEpochMs(value ?? null);

/**
 * HrFlow profile -> Bullhorn candidate with its education and work-history rows and resume
 * attachments: the default format of `push_profile` and `push_application`. `id` is the HrFlow
 * reference when it is a Bullhorn candidate id (digits), so the write updates instead of creating.
 */
export function formatPushProfile(p: HrFlowProfile): BullhornCandidateWrite {
  const info = p.info ?? {};
  const loc = info.location;
  const fields = (loc?.fields ?? {}) as Record<string, unknown>;
  const strOf = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const skills = (p.skills ?? []).map((s) => s.name).filter(Boolean);
  const address = compact({
    address1: loc?.text ?? null,
    city: strOf(fields.city),
    state: strOf(fields.state),
    zip: strOf(fields.postal_code ?? fields.postcode),
    countryCode: strOf(fields.country_code ?? fields.country),
  });
  // Nulls are left out: on an update Bullhorn would clear the field.
  const candidate = compact({
    firstName: info.first_name ?? null,
    lastName: info.last_name ?? null,
    name: info.full_name ?? ([info.first_name, info.last_name].filter(Boolean).join(" ") || null),
    email: info.email ?? null,
    mobile: info.phone ?? null,
    dateOfBirth: bhDate(info.date_birth),
    description: info.summary ?? null,
    address: Object.keys(address).length > 0 ? address : null,
    skillSet: skills.length > 0 ? skills.join(",") : null,
    source: "HrFlow.ai",
  });
  const reference = p.reference ?? "";
  return {
    id: /^\d+$/.test(reference) ? Number(reference) : null,
    candidate,
    educations: (p.educations ?? []).map((e) =>
      compact({
        school: e.school ?? null,
        degree: e.title ?? null,
        city: e.location?.text ?? null,
        comments: e.description ?? null,
        startDate: bhDate(e.date_start),
        endDate: bhDate(e.date_end),
      }),
    ),
    workHistories: (p.experiences ?? []).map((e) =>
      compact({
        companyName: e.company ?? null,
        title: e.title ?? null,
        comments: e.description ?? null,
        startDate: bhDate(e.date_start),
        endDate: bhDate(e.date_end),
      }),
    ),
    attachments: (p.attachments ?? [])
      .filter((a) => a?.public_url)
      .map((a) => ({
        name: a.original_file_name || a.file_name || `${a.type ?? "file"}${a.extension ?? ""}`,
        contentType: null,
        url: a.public_url as string,
        type: a.type === "resume" || a.type === "original" ? "Resume" : (a.type ?? null),
      })),
  };
}
