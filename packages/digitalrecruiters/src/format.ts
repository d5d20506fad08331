import type {
  HrFlowJob,
  HrFlowLocation,
  HrFlowProfile,
  HrFlowProfileParsing,
  HrFlowResume,
  HrFlowSection,
} from "@hrflow-connectors/hrflow";
import { htmlToTextOrNull } from "@hrflow-connectors/hrflow";
import { drDateTime, obj, str, tags, toNumber, toTimestamp } from "./format-helpers.js";
import type { DigitalRecruitersApplication } from "./objects.js";

/** DR custom-field labels kept as job tags, with their tag names (the original's table, typo included). */
export const CUSTOM_FIELD_TAGS: Readonly<Record<string, string>> = {
  "Possibilité de télétravail": "digitalrecruiters_possibilite_de_teletravail",
  "Automatisation (HRFlow.ai)": "digitalrecruiters_automatisation_hrflow",
  "Heures hebdomadaires": "digitalrecruiters_heures_hebdomadaires",
  "Date envisagée de recrutement": "digitalrecruiters_date_enviseagee_de_recrutement",
  "Date de fin": "digitalrecruiters_date_de_fin",
  "Motif de recrutement": "digitalrecruiters_motif_de_recrutement",
  "Nom de la personne remplacée": "digitalrecruiters_nom_de_la_personne_remplacee",
  Echelon: "digitalrecruiters_echelon",
  Filière: "digitalrecruiters_filiere",
  Horaires: "digitalrecruiters_horaires",
  "Un candidat est déjà identifié": "digitalrecruiters_candidat_deja_identifie",
  "Nom de ce candidat": "digitalrecruiters_nom_du_candidat",
};

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

// The schema says pictures are URLs; the original read `pictures[0].default`. Both shapes work.
function firstPicture(pictures: unknown): string | null {
  const first = list(pictures)[0];
  return typeof first === "string" ? first : str(obj(first).default);
}

function jobLocation(address: unknown): HrFlowLocation {
  const a = obj(address);
  const position = obj(a.position);
  return { text: str(a.formatted) ?? "", lat: toNumber(position.lat), lng: toNumber(position.lon) };
}

function jobTags(ad: Record<string, unknown>) {
  const salary = obj(ad.salary);
  const entity = obj(ad.entity);
  const manager = obj(entity.manager);
  const recruiter = obj(ad.referent_recruiter);
  // The schema puts the hierarchy under `entity`; the original only read a top-level list. Both
  // are read, and a level present in both is tagged once.
  const seen = new Set<string>();
  const hierarchy = [...list(entity.hierarchy), ...list(ad.hierarchy)]
    .map(obj)
    .map((h) => [`hierarchy_${h.depth ?? ""}`, `${h.column_name ?? ""}:${h.public_name ?? ""}`] as const)
    .filter(([name, value]) => {
      const key = `${name}\u0000${value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const customFields = list(ad.custom_fields)
    .map(obj)
    .filter((f) => typeof f.name === "string" && CUSTOM_FIELD_TAGS[f.name] !== undefined);
  return tags([
    ["digitalrecruiters_compensation_min", salary.min],
    ["digitalrecruiters_compensation_max", salary.max],
    ["digitalrecruiters_compensation_currency", salary.currency],
    ["digitalrecruiters_manager_firstName", manager.firstname],
    ["digitalrecruiters_manager_lastName", manager.lastname],
    ["digitalrecruiters_manager_position", manager.position],
    ["digitalrecruiters_manager_picture", manager.picture_url],
    ["digitalrecruiters_recruiter_email", recruiter.email],
    ["digitalrecruiters_recruiter_phoneNumber", recruiter.phoneNumber],
    ["digitalrecruiters_recruiter_picture", recruiter.picture_url],
    ...hierarchy,
    ...customFields.map((f) => [CUSTOM_FIELD_TAGS[f.name as string]!, f.value] as const),
  ]);
}

/** `format_job`: a DR job ad (from the job-ad export) as an HrFlow.ai job. */
export function formatJob(ad: Record<string, unknown>): HrFlowJob & { picture: string | null } {
  const sections: HrFlowSection[] = [];
  for (const name of ["description", "profile"] as const) {
    const description = htmlToTextOrNull(str(ad[name]));
    if (description) sections.push({ name, title: name, description });
  }
  return {
    name: str(ad.title) as string,
    picture: firstPicture(ad.pictures),
    reference: str(ad.reference),
    created_at: toTimestamp(ad.published_at),
    location: jobLocation(ad.address),
    sections,
    requirements: htmlToTextOrNull(str(ad.profile)),
    skills: list(ad.skills)
      .map(str)
      .filter((s): s is string => s !== null)
      // HrFlow requires a skill type; DR does not give one, and job-ad skills are know-how.
      .map((name) => ({ name, type: "hard" as const, value: null })),
    tags: jobTags(ad),
  };
}

/**
 * The candidate's address as one line: street, city, `(zip)`, country. DR sends it as a nested
 * `location` object (the original's read schema and format); some exports flatten it to the top
 * level, which is read when `location` is absent.
 */
function candidateLocation(a: Record<string, unknown>): string {
  const l = a.location && typeof a.location === "object" ? obj(a.location) : a;
  const zip = str(l.zip);
  return [str(l.street), str(l.city), zip ? `(${zip})` : null, str(l.country)].filter(Boolean).join(", ");
}

/**
 * `format_dr_profile`: a DR detailed job application (with the `resume` the read attached) as an
 * HrFlow.ai parsing item. A missing `cv`, `avatar` or `jobAd` no longer fails the item, tag values
 * are text, and the resume goes to parsing only, never into a tag.
 */
export function formatDrProfile(application: Record<string, unknown>): HrFlowProfileParsing {
  const a = application;
  const jobAd = obj(a.jobAd);
  const fullName = [str(a.firstName), str(a.lastName)].filter(Boolean).join(" ");
  return {
    reference: str(a.id),
    created_at: toTimestamp(a.createdAt),
    resume: (a.resume as HrFlowResume | null | undefined) ?? null,
    tags: tags([
      ["digitalrecruiters_profile-email", a.email],
      ["digitalrecruiters_profile-phoneNumber", a.phoneNumber],
      ["digitalrecruiters_profile-fullName", fullName],
      ["digitalrecruiters_avatar", obj(a.avatar).url],
      ["digitalrecruiters_profile-location", candidateLocation(a)],
      ["digitalrecruiters_education-level", a.educationLevel],
      ["digitalrecruiters_job-experience-level", a.experienceLevel],
      ["digitalrecruiters_job-title", a.jobTitle],
      ["digitalrecruiters_job-id", jobAd.id],
      ["digitalrecruiters_job-published-at", jobAd.publishedAt],
      ["digitalrecruiters_locale", a.locale],
      ["digitalrecruiters_origin", a.origin],
      ["digitalrecruiters_is-spontaneous", a.isSpontaneous],
      ["digitalrecruiters_is-imported", a.isImported],
      ["digitalrecruiters_is-from-external-api", a.isFromExternalApi],
      ["digitalrecruiters_rejected-reason", a.rejectedReason],
      ["digitalrecruiters_application-status", a.applicationStatus],
    ]),
    metadatas: [],
  };
}

const MALE = new Set(["male", "m", "man", "homme", "h", "masculin"]);
const FEMALE = new Set(["female", "f", "woman", "femme", "féminin", "feminin"]);

/** DR's gender code: 1 male, 2 female, undefined when the profile does not say (never guessed). */
export function drGender(gender: unknown): 1 | 2 | undefined {
  const g = typeof gender === "string" ? gender.trim().toLowerCase() : "";
  if (MALE.has(g)) return 1;
  if (FEMALE.has(g)) return 2;
  return undefined;
}

function names(info: Record<string, unknown>): { firstName: string; lastName: string } {
  let first = str(info.first_name);
  let last = str(info.last_name);
  const full = str(info.full_name)?.trim().split(/\s+/) ?? [];
  if (!first && full.length > 1) first = full.slice(0, -1).join(" ");
  if (!last && full.length > 0) last = full.at(-1)!;
  return { firstName: first ?? "", lastName: last ?? "" };
}

function address(location: unknown) {
  const loc = obj(location);
  // Parsed locations carry `fields` as an object; some older profiles as a one-element list.
  const fields = obj(Array.isArray(loc.fields) ? loc.fields[0] : loc.fields);
  const road = [str(fields.house_number), str(fields.road)].filter(Boolean).join(" ");
  return {
    addressStreet: road || str(loc.text) || undefined,
    addressZip: str(fields.postcode) ?? undefined,
    addressCity: str(fields.city) ?? str(fields.state_district) ?? undefined,
  };
}

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The DR application of an HrFlow.ai profile at a given time (`formatProfile` uses now). */
export function profileToApplication(profile: HrFlowProfile, now: Date): DigitalRecruitersApplication {
  const info = obj(profile.info);
  const resume =
    (profile.attachments ?? []).find((a) => a.type === "resume" && a.public_url) ??
    (profile.attachments ?? []).find((a) => a.type === "original" && a.public_url);
  const soTag = (profile.tags ?? []).find((t) => t.name === "s_o")?.value;
  return {
    consent_date: drDateTime(now),
    s_o: str((profile as Record<string, unknown>).s_o) ?? soTag ?? "",
    locale: "fr_FR",
    ApplicationProfile: defined({
      gender: drGender(info.gender),
      ...names(info),
      email: str(info.email) ?? "",
      phoneNumber: str(info.phone) ?? undefined,
      ...address(info.location),
    }),
    resume_url: resume?.public_url ?? null,
    resume_name: resume?.original_file_name ?? resume?.file_name ?? null,
  };
}

/** `format_profile`: an HrFlow.ai profile as a DR application (the write adds the job and message). */
export function formatProfile(profile: HrFlowProfile): DigitalRecruitersApplication {
  return profileToApplication(profile, new Date());
}
