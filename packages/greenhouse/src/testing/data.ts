import { Random } from "@hrflow-connectors/core/testing";
import type {
  GreenhouseApplication,
  GreenhouseAttachment,
  GreenhouseCandidateRecord,
  GreenhouseDepartment,
  GreenhouseEducation,
  GreenhouseEmployment,
  GreenhouseJobRecord,
  GreenhouseOffice,
} from "../objects.js";

const FIRST = ["Amélie", "Noah", "Zoë", "Łukasz", "Inès", "Søren", "María José", "Chloé", "Kenji", "Ada"];
const LAST = ["Dupré", "O'Neil", "Müller", "Nguyễn", "García-López", "Smith", "Kowalski", "Ibáñez"];
const TITLES = [
  "Backend Engineer",
  "Data Scientist",
  "Product Designer",
  "Head of Sales — EMEA",
  "Recruiter",
];
const SCHOOLS = ["École Polytechnique", "MIT", "Universidad de Sevilla", "TU München"];
const DEGREES = ["Master's Degree", "Bachelor's Degree", null];
const DISCIPLINES = ["Computer Science", "Économie", null];
const COMPANIES = ["Acme & Co", "Globex", "Initech", "Société Générale"];

/** The fake's seeded organisation: departments and offices the jobs point at. */
export const DEPARTMENTS: GreenhouseDepartment[] = [
  { id: 101, name: "Engineering" },
  { id: 102, name: "Ventes & Marketing" },
];
export const OFFICES: GreenhouseOffice[] = [
  { id: 201, name: "Paris", location: { name: "Paris, Île-de-France, France" } },
  { id: 202, name: "Remote", location: null },
];

/** Job notes as Greenhouse stores them: HTML with entities and a list. */
const NOTES =
  "<p>Join our <b>R&amp;D</b> team &mdash; we&rsquo;re hiring!</p><ul><li>Node.js &amp; TypeScript</li><li>5+ years</li></ul>";

const iso = (ms: number) => new Date(ms).toISOString();
/** Fake records are dated from this instant, one minute apart (deterministic across runs). */
export const EPOCH_MS = Date.parse("2026-01-05T09:00:00.000Z");

/** One realistic Harvest v3 job (the n-th of a seed). */
export function generateJob(rng: Random, n: number): GreenhouseJobRecord {
  const at = EPOCH_MS + n * 60_000;
  return {
    id: 4000 + n,
    name: rng.pick(TITLES),
    requisition_id: rng.chance(0.5) ? `REQ-${100 + n}` : null,
    notes: rng.chance(0.8) ? NOTES : null,
    confidential: false,
    status: rng.chance(0.8) ? "open" : "closed",
    is_template: false,
    copied_from_id: null,
    created_at: iso(at),
    updated_at: iso(at),
    opened_at: iso(at),
    closed_at: null,
    department_id: rng.pick(DEPARTMENTS).id,
    office_ids: [rng.pick(OFFICES).id],
    custom_fields: {
      employment_type: rng.pick(["Full-time", "Part-time", null]),
      salary_range: rng.chance(0.5) ? { min_value: "45000", max_value: 60000, unit: "EUR" } : null,
    },
  };
}

/** One realistic candidate with its split resources (the n-th of a seed). */
export function generateCandidate(
  rng: Random,
  n: number,
  jobIds: number[],
): {
  candidate: GreenhouseCandidateRecord;
  educations: GreenhouseEducation[];
  employments: GreenhouseEmployment[];
  attachments: GreenhouseAttachment[];
  applications: GreenhouseApplication[];
} {
  const id = 9000 + n;
  const at = iso(EPOCH_MS + n * 60_000);
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const email = `${first}.${last}.${n}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, "");
  const job = jobIds.length > 0 ? rng.pick(jobIds) : null;
  const candidate: GreenhouseCandidateRecord = {
    id,
    first_name: first,
    last_name: rng.chance(0.9) ? last : null,
    company: rng.pick(COMPANIES),
    title: rng.pick(TITLES),
    created_at: at,
    updated_at: at,
    is_private: false,
    application_ids: job ? [id * 10] : [],
    tags: rng.chance(0.5) ? ["référé", "senior"] : [],
    email_addresses: [{ value: email, type: "personal" }],
    phone_numbers: rng.chance(0.7) ? [{ value: "+33 6 12 34 56 78", type: "mobile" }] : [],
    addresses: rng.chance(0.6) ? [{ value: "12 rue de Rivoli, 75001 Paris", type: "home" }] : [],
    website_addresses: [],
    social_media_addresses: [],
  };
  return {
    candidate,
    educations: [
      {
        id: id * 10 + 1,
        candidate_id: id,
        school_name: rng.pick(SCHOOLS),
        degree: rng.pick(DEGREES),
        discipline: rng.pick(DISCIPLINES),
        start_date: "2012-09-01T00:00:00.000Z",
        end_date: rng.chance(0.5) ? "2016-06-30T00:00:00.000Z" : null,
      },
    ],
    employments: [
      {
        id: id * 10 + 2,
        candidate_id: id,
        company_name: rng.pick(COMPANIES),
        title: rng.pick(TITLES),
        start_date: "2017-01-01T00:00:00.000Z",
        end_date: null,
      },
    ],
    attachments: rng.chance(0.6)
      ? [
          {
            id: id * 10 + 3,
            candidate_id: id,
            filename: `cv-${id}.pdf`,
            url: null,
            type: "resume",
            created_at: at,
          },
        ]
      : [],
    applications: job
      ? [{ id: id * 10, candidate_id: id, job_id: job, status: "active", prospect: false, applied_at: at }]
      : [],
  };
}

export { Random };
