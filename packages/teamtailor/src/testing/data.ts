import type { Random } from "@hrflow-connectors/core/testing";
import type { TeamtailorCandidate, TeamtailorJob, TeamtailorLocation } from "../objects.js";

/** Everything seeded happened in 2024, well before any test runs. */
const START = Date.UTC(2024, 2, 4, 8, 30, 0);
const HOUR = 3_600_000;
/** Teamtailor's time format: milliseconds and a +01:00 offset (Stockholm). */
export function teamtailorTime(ms: number): string {
  return new Date(ms + HOUR).toISOString().replace("Z", "+01:00");
}

const ROLES = [
  "Développeur·se Full-Stack",
  "Product Designer",
  "Data Engineer",
  "Chargé·e de recrutement",
  "Säljare",
];
const CITIES = [
  {
    city: "Stockholm",
    country: "Sweden",
    zip: "111 57",
    address: "Sveavägen 44",
    lat: "59.3367",
    long: "18.0614",
  },
  {
    city: "Paris",
    country: "France",
    zip: "75011",
    address: "12 rue de la Roquette",
    lat: "48.8534",
    long: "2.3722",
  },
  {
    city: "Malmö",
    country: "Sweden",
    zip: "211 20",
    address: "Södra Förstadsgatan 2",
    lat: null,
    long: null,
  },
];
const FIRST = ["Åsa", "Zoé", "Jérôme", "Mia", "Léa", "Oskar"];
const LAST = ["Lindqvist", "Müller", "Dupont-Garçon", "Öberg", "N'Diaye", "Smith"];
const STATUSES = ["published", "published", "unlisted", "archived", "draft"] as const;

/**
 * A location resource for a job (or null: about one job in five has none). One id per place, as in
 * Teamtailor, where jobs share the account's locations.
 */
export function generateLocation(rnd: Random): TeamtailorLocation | null {
  if (rnd.chance(0.2)) return null;
  const place = rnd.pick(CITIES);
  const index = CITIES.indexOf(place);
  return {
    id: String(900 + index),
    type: "locations",
    attributes: { name: place.city, ...place, headquarters: index === 0 },
  };
}

/** A realistic Teamtailor job resource number `n` (ids are increasing integers, as Teamtailor's). */
export function generateJob(rnd: Random, n: number, origin: string): TeamtailorJob {
  const role = rnd.pick(ROLES);
  const at = teamtailorTime(START + n * 5 * HOUR);
  const salary = rnd.chance(0.6);
  const id = String(1000 + n);
  return {
    id,
    type: "jobs",
    attributes: {
      title: role,
      body: `<p>Rejoignez l&#39;équipe&nbsp;: <strong>${role}</strong> &amp; plus.</p><ul><li>Café à volonté</li><li>Télétravail 2 j/sem</li></ul>`,
      pitch: rnd.chance(0.7) ? "Vi växer – följ med!" : null,
      status: rnd.pick(STATUSES),
      "human-status": "open",
      "created-at": at,
      "updated-at": at,
      "start-date": rnd.chance(0.5) ? "2024-09-01" : null,
      "end-date": null,
      "language-code": rnd.pick(["sv", "fr", "en"]),
      "employment-type": rnd.pick(["fulltime", "parttime", null]),
      "employment-level": rnd.pick(["none", "senior", null]),
      "remote-status": rnd.pick(["none", "hybrid", "fully", "temporary"]),
      "salary-time-unit": salary ? "monthly" : null,
      "min-salary": salary ? rnd.int(30, 45) * 1000 : null,
      "max-salary": salary ? rnd.int(46, 70) * 1000 : null,
      currency: salary ? rnd.pick(["SEK", "EUR"]) : null,
      internal: rnd.chance(0.2),
      "internal-name": null,
      pinned: rnd.chance(0.1),
      tags: rnd.chance(0.5) ? ["tech", "remote-friendly"] : [],
    },
    links: {
      "careersite-job-url": `https://career.example.com/jobs/${id}-job`,
      "careersite-job-apply-url": `https://career.example.com/jobs/${id}-job/applications/new`,
      self: `${origin}/v1/jobs/${id}`,
    },
  };
}

/** A realistic Teamtailor candidate resource number `n`, with a resume link about half the time. */
export function generateCandidate(rnd: Random, n: number, origin: string): TeamtailorCandidate {
  const first = rnd.chance(0.95) ? rnd.pick(FIRST) : null;
  const last = rnd.pick(LAST);
  const id = String(5000 + n);
  const at = teamtailorTime(START + n * 3 * HOUR);
  return {
    id,
    type: "candidates",
    attributes: {
      "first-name": first,
      "last-name": last,
      email: `cand${n}.${last.toLowerCase().replace(/[^a-z]/g, "")}@example.org`,
      phone: rnd.chance(0.7) ? `+46 70 ${rnd.int(100, 999)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}` : null,
      picture: null,
      "linkedin-url": rnd.chance(0.5) ? `https://www.linkedin.com/in/cand-${n}` : null,
      pitch: rnd.chance(0.6) ? "Passionnée d'UX &amp; de café ☕" : null,
      resume: rnd.chance(0.5) ? `${origin}/files/resumes/${id}.pdf` : null,
      sourced: rnd.chance(0.3),
      connected: rnd.chance(0.5),
      internal: false,
      referred: rnd.chance(0.1),
      "referring-url": null,
      "referring-site": rnd.chance(0.3) ? "linkedin.com" : null,
      unsubscribed: false,
      tags: rnd.chance(0.3) ? ["silver-medalist"] : [],
      "created-at": at,
      "updated-at": at,
    },
    links: { self: `${origin}/v1/candidates/${id}` },
  };
}

/** The bytes of candidate `id`'s resume (a tiny PDF-looking file). */
export function resumeBytes(id: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% resume of Teamtailor candidate ${id}\n%%EOF\n`);
}
