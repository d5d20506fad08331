import type { Random } from "@hrflow-connectors/core/testing";
import type { RecruiteeCandidate, RecruiteeOffer } from "../objects.js";

/** Everything seeded happened in 2024, well before any test runs. */
const START = Date.UTC(2024, 3, 2, 7, 15, 0);
const HOUR = 3_600_000;
/** Recruitee's time format: UTC with microseconds. */
export const recruiteeTime = (ms: number) => new Date(ms).toISOString().replace("Z", "000Z");

const TITLES = [
  "Backend Developer (m/w/d)",
  "Chargé·e de clientèle",
  "UX Researcher",
  "Werkstudent Marketing",
  "Data Analyst",
];
const PLACES = [
  { city: "Amsterdam", country: "Netherlands", postal_code: "1017 CE" },
  { city: "Köln", country: "Germany", postal_code: "50667" },
  { city: "Lyon", country: "France", postal_code: "69002" },
];
const STATUSES = ["published", "published", "internal", "closed", "archived", "draft"] as const;
const NAMES = ["Jan de Vries", "Zoé Lefèvre-Dubois", "Jürgen Müller", "Ana María García López", "Sanne"];

/** A realistic Recruitee offer number `n` (integer ids, increasing). */
export function generateOffer(rnd: Random, n: number): RecruiteeOffer {
  const place = rnd.pick(PLACES);
  const title = rnd.pick(TITLES);
  const at = START + n * 4 * HOUR;
  const salary = rnd.chance(0.6);
  const status = rnd.pick(STATUSES);
  return {
    id: 700_000 + n,
    title,
    kind: rnd.chance(0.85) ? "job" : "talent_pool",
    status,
    created_at: recruiteeTime(at),
    updated_at: recruiteeTime(at + HOUR),
    closed_at: status === "closed" || status === "archived" ? recruiteeTime(at + 48 * HOUR) : null,
    location: `${place.city}, ${place.country}`,
    ...place,
    url: `https://acme.recruitee.com/o/job-${n}`,
    careers_url: `https://acme.recruitee.com/o/job-${n}`,
    description: `<p>Wij zoeken een <strong>${title}</strong> &amp; meer.</p><ul><li>Hybride werken</li><li>30 vakantiedagen</li></ul>`,
    requirements: rnd.chance(0.9)
      ? "<ul><li>3+ jaar ervaring</li><li>Nederlands &amp; Engels</li></ul>"
      : null,
    highlight_html: rnd.chance(0.5) ? "<p>Fietsplan &#x1F6B2;</p>" : null,
    category: rnd.pick(["it", "marketing", null]),
    department: rnd.pick(["Engineering", "Ventes", null]),
    options_cv: "required",
    options_cover_letter: rnd.pick(["optional", "off"]),
    experience: rnd.pick(["mid_level", "entry_level", null]),
    education: rnd.pick(["bachelor_degree", null]),
    employment_type: rnd.pick(["fulltime", "parttime", "internship"]),
    remote: rnd.chance(0.3),
    min_hours: rnd.chance(0.5) ? 32 : null,
    max_hours: rnd.chance(0.5) ? 40 : null,
    number_of_openings: rnd.int(1, 3),
    candidates_count: rnd.int(0, 80),
    disqualified_candidates_count: rnd.int(0, 20),
    qualified_candidates_count: rnd.int(0, 20),
    hired_candidates_count: rnd.int(0, 2),
    email_confirmation_body: null,
    tags: rnd.chance(0.4) ? ["remote-friendly"] : [],
    salary: salary
      ? { min: rnd.int(3, 5) * 1000, max: rnd.int(6, 8) * 1000, currency: "EUR", period: "month" }
      : null,
  };
}

/** A realistic Recruitee candidate number `n`, with fields and (half the time) a resume link. */
export function generateCandidate(rnd: Random, n: number, origin: string): RecruiteeCandidate {
  const name = rnd.pick(NAMES);
  const id = 9_000_000 + n;
  const at = START + n * 2 * HOUR;
  return {
    id,
    name,
    emails: [`cand${n}@example.org`],
    phones: rnd.chance(0.7) ? [`+31 6 ${rnd.int(1000, 9999)} ${rnd.int(1000, 9999)}`] : [],
    photo_url: rnd.chance(0.3) ? `https://recruitee-cdn.example/photos/${id}.jpg` : null,
    social_links: rnd.chance(0.5) ? [`https://www.linkedin.com/in/cand-${n}`] : [],
    links: rnd.chance(0.3) ? [`https://portfolio.example/${n}`] : [],
    cv_original_url: rnd.chance(0.5) ? `${origin}/files/cv/${id}.pdf` : null,
    cover_letter: rnd.chance(0.3) ? "Chère équipe, je suis très motivée…" : null,
    created_at: recruiteeTime(at),
    updated_at: recruiteeTime(at + (rnd.chance(0.5) ? 0 : 3 * HOUR)),
    last_message_at: null,
    source: rnd.pick(["career_site", "linkedin", "manual"]),
    sources: [{ name: "Career site" }],
    positive_ratings: rnd.int(0, 100),
    is_hired: false,
    tags: rnd.chance(0.3) ? ["talent-pool"] : [],
    grouped_open_question_answers: [],
    fields: [
      {
        id: 1,
        kind: "education",
        name: "Education",
        values: [
          {
            school: "Universiteit van Amsterdam",
            major: "Informatica",
            degree: "MSc",
            start_date: "2015-09-01",
            end_date: "2017-07-01",
          },
        ],
      },
      {
        id: 2,
        kind: "experience",
        name: "Experience",
        values: [
          {
            company: "Booking.com",
            title: "Engineer",
            location: "Amsterdam",
            start_date: "2017-09-01",
            end_date: null,
            description: "Payments",
          },
        ],
      },
      { id: 3, kind: "language", name: "Languages", values: [{ language_name: "Dutch", level: "native" }] },
      { id: 4, kind: "skill", name: "Skills", values: [{ text: "Elixir" }, { text: "PostgreSQL" }] },
      { id: 5, kind: "text", name: "Notice period", values: [{ text: "1 month" }] },
    ],
  };
}

/** The bytes of candidate `id`'s resume. */
export function cvBytes(id: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% CV of Recruitee candidate ${id}\n%%EOF\n`);
}
