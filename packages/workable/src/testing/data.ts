import type { Random } from "@hrflow-connectors/core/testing";
import type { WorkableCandidate, WorkableJob, WorkableLocation } from "../objects.js";
import {
  CITIES,
  COMPANIES,
  EDUCATION,
  EMPLOYMENT,
  EXPERIENCE,
  FIRST,
  LAST,
  LEVELS,
  ROLES,
  SCHOOLS,
  SKILLS,
  STAGES,
  STATES,
} from "./words.js";

/** Epoch of the generated history: everything seeded happened in 2024, well before any test runs. */
const START = Date.UTC(2024, 0, 8, 9, 0, 0);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/** Fixed-width hex ids, so text order is insertion order (as Workable's since_id/max_id expect). */
export const workableId = (n: number) => (0x1000000 + n).toString(16);

/** A Workable location for one of the generated places ("City, Country" as its text). */
function locationOf(place: (typeof CITIES)[number]): WorkableLocation {
  return {
    location_str: `${place.city}, ${place.country}`,
    country: place.country,
    country_code: place.country_code,
    region: place.region,
    region_code: place.region_code,
    city: place.city,
    zip_code: place.zip,
  };
}

/** A realistic Workable job (detail shape) number `n`. */
export function generateJob(rnd: Random, n: number, origin: string): WorkableJob {
  const [role, department] = rnd.pick(ROLES);
  const level = rnd.pick(LEVELS);
  const title = level ? `${level} ${role}` : role;
  const place = rnd.pick(CITIES);
  const shortcode = `${department.slice(0, 3).toUpperCase()}${(n + 1).toString(36).toUpperCase().padStart(5, "0")}`;
  const created = START + n * 7 * HOUR;
  const remote = rnd.chance(0.25);
  const description = `<p>Join our ${department} team in ${place.city} as a <strong>${title}</strong>.</p>`;
  const requirements = `<ul><li>${rnd.int(1, 8)}+ years as ${role}</li><li>${rnd.pick(SKILLS)} &amp; ${rnd.pick(SKILLS)}</li></ul>`;
  const benefits = rnd.chance(0.8) ? "<ul><li>Health insurance</li><li>Remote-friendly</li></ul>" : null;
  const from = rnd.int(35, 90) * 1000;
  return {
    id: workableId(n),
    title,
    full_title: `${title} - ${place.country_code}/${n + 1}`,
    shortcode,
    code: `${place.country_code}/${n + 1}`,
    state: rnd.pick(STATES),
    department,
    url: `${origin}/j/${shortcode}`,
    application_url: `${origin}/j/${shortcode}/apply`,
    shortlink: `${origin}/j/${shortcode}`,
    location: {
      ...locationOf(place),
      location_str: `${place.city}, ${place.region}, ${place.country}`,
      telecommuting: remote,
      workplace_type: remote ? "remote" : rnd.pick(["on_site", "hybrid"] as const),
    },
    locations: [{ ...locationOf(place), telecommuting: remote, coords: place.coords }],
    salary: rnd.chance(0.7)
      ? {
          salary_from: from,
          salary_to: from + rnd.int(5, 30) * 1000,
          salary_currency: place.country_code === "US" ? "USD" : "EUR",
        }
      : null,
    employment_type: rnd.pick(EMPLOYMENT),
    industry: "Information Technology and Services",
    function: department,
    experience: rnd.pick(EXPERIENCE),
    education: rnd.pick(EDUCATION),
    keywords: [rnd.pick(SKILLS), rnd.pick(SKILLS)],
    full_description: `${description}${requirements}${benefits ?? ""}`,
    description,
    requirements,
    benefits,
    created_at: iso(created),
    updated_at: iso(created + rnd.int(1, 48) * HOUR),
  };
}

/** A realistic Workable candidate (detail shape) number `n`, applying to one of `jobs`. */
export function generateCandidate(
  rnd: Random,
  n: number,
  jobs: readonly WorkableJob[],
  origin: string,
): WorkableCandidate {
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  const job = jobs.length > 0 ? rnd.pick(jobs) : null;
  const place = rnd.pick(CITIES);
  const id = workableId(0x100000 + n);
  const created = START + n * 3 * HOUR + 30 * 60_000;
  const stage = rnd.pick(STAGES);
  const disqualified = rnd.chance(0.15);
  const slug = `${first}.${last}`
    .normalize("NFD")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase();
  const gradYear = rnd.int(2005, 2020);
  return {
    id,
    name: `${first} ${last}`,
    firstname: first,
    lastname: last,
    headline: `${rnd.pick(ROLES)[0]} at ${rnd.pick(COMPANIES)}`,
    image_url: rnd.chance(0.5) ? `${origin}/avatars/${id}.png` : null,
    account: { subdomain: "acme", name: "Acme" },
    job: job ? { shortcode: job.shortcode, title: job.title } : undefined,
    stage,
    disqualified,
    disqualified_at: disqualified ? iso(created + 5 * 24 * HOUR) : null,
    disqualification_reason: disqualified
      ? rnd.pick(["Underqualified", "Position filled", "Salary expectations"])
      : null,
    hired_at: stage === "Hired" ? iso(created + 20 * 24 * HOUR) : null,
    sourced: rnd.chance(0.3),
    source: rnd.pick(["LinkedIn", "Career page", "Referral", "Indeed"]),
    profile_url: `${origin}/backend/candidates/${id}`,
    address: `${place.city}, ${place.country}`,
    phone: `+${rnd.int(30, 49)} ${rnd.int(100, 999)} ${rnd.int(100000, 999999)}`,
    email: `${slug}.${n}@example.com`,
    domain: rnd.pick(["linkedin.com", "indeed.com", "acme.workable.com"]),
    created_at: iso(created),
    updated_at: iso(created + rnd.int(1, 72) * HOUR),
    cover_letter: rnd.chance(0.4) ? `I would love to join ${job?.title ?? "your team"}.` : null,
    summary: `${first} has ${rnd.int(1, 15)} years of experience.`,
    education_entries: [
      {
        id: `${id}e1`,
        degree: rnd.pick(["BSc", "MSc", "MBA", "PhD"]),
        school: rnd.pick(SCHOOLS),
        field_of_study: rnd.pick(["Computer Science", "Economics", "Design", "Mathematics"]),
        start_date: `${gradYear - 3}-09-01`,
        end_date: `${gradYear}-06-30`,
      },
    ],
    experience_entries: Array.from({ length: rnd.int(1, 3) }, (_, i) => ({
      id: `${id}x${i}`,
      title: rnd.pick(ROLES)[0],
      summary: "Built and shipped things with a great team.",
      company: rnd.pick(COMPANIES),
      industry: "Software",
      start_date: `${gradYear + i * 2}-01-01`,
      end_date: i === 0 ? null : `${gradYear + i * 2 + 1}-12-31`,
      current: i === 0,
    })),
    skills: [rnd.pick(SKILLS), rnd.pick(SKILLS)]
      .filter((s, i, all) => all.indexOf(s) === i)
      .map((name) => ({ name })),
    tags: rnd.chance(0.5) ? ["talent-pool", rnd.pick(["priority", "relocation", "remote"])] : [],
    answers: [],
    social_profiles: [{ type: "linkedin", name: "LinkedIn", url: `https://www.linkedin.com/in/${slug}` }],
    resume_url: rnd.chance(0.8) ? `${origin}/files/resumes/${id}.pdf` : null,
    location: locationOf(place),
  };
}

/** A tiny PDF-looking file for a candidate's resume link. */
export function resumeBytes(id: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% resume of Workable candidate ${id}\n%%EOF\n`, "utf8");
}
