import type { Random } from "@hrflow-connectors/core/testing";
import type { SmartRecruitersCandidate, SmartRecruitersJob } from "../objects.js";

/** Epoch of the generated history: everything seeded happened in 2024, well before any test runs. */
const START = Date.UTC(2024, 0, 8, 9, 0, 0);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const PLACES = [
  {
    country: "France",
    countryCode: "fr",
    region: "Île-de-France",
    city: "Paris",
    lat: "48.8566",
    lng: "2.3522",
  },
  { country: "Germany", countryCode: "de", region: "Bayern", city: "München", lat: "48.1351", lng: "11.582" },
  {
    country: "Spain",
    countryCode: "es",
    region: "Comunidad de Madrid",
    city: "Madrid",
    lat: "40.4168",
    lng: "-3.7038",
  },
  {
    country: "Poland",
    countryCode: "pl",
    region: "Małopolskie",
    city: "Kraków",
    lat: "50.0647",
    lng: "19.945",
  },
  {
    country: "United States",
    countryCode: "us",
    region: "California",
    city: "San José",
    lat: "37.3382",
    lng: "-121.8863",
  },
] as const;
const ROLES = [
  ["Développeur Java", "Engineering"],
  ["Data Scientist", "Data"],
  ["Chargé de recrutement", "People"],
  ["Product Manager", "Product"],
  ["Ingénieur DevOps", "Engineering"],
] as const;
const FIRST = ["Zoë", "José", "Amélie", "Łukasz", "Chloé", "Søren", "Ana", "François"] as const;
const LAST = ["Dupont", "Müller", "García", "Kowalski", "O'Neil", "Núñez", "Lefèvre", "Søndergaard"] as const;
const SCHOOLS = [
  "Université Paris-Saclay",
  "TU München",
  "Universidad Complutense",
  "Politechnika Krakowska",
] as const;
const COMPANIES = ["Acme & Co", "Société Générale", "Zalando SE", "Allegro"] as const;
const STATUSES = ["CREATED", "SOURCING", "INTERVIEW", "OFFER", "FILLED", "ON_HOLD"] as const;
const POSTING = ["PUBLIC", "INTERNAL", "NOT_PUBLISHED", "PRIVATE"] as const;

/** Fixed-width hex ids, so text order is insertion order. */
export const smartRecruitersId = (kind: "job" | "candidate", n: number) =>
  `${kind === "job" ? "7" : "c"}${(0x1000000 + n).toString(16)}-5a1e-4b7d-9c2e-0000000000${(n % 100).toString().padStart(2, "0")}`;

/**
 * A realistic SmartRecruiters job (detail shape) number `n`: HTML ads with entities and lists,
 * accents, coordinates as numeric strings, and some null objects (experience level, compensation).
 */
export function generateJob(rnd: Random, n: number): SmartRecruitersJob {
  const [role, department] = rnd.pick(ROLES);
  const place = rnd.pick(PLACES);
  const created = START + n * 7 * HOUR;
  return {
    id: smartRecruitersId("job", n),
    title: role,
    refNumber: `REF${(n + 1).toString().padStart(5, "0")}`,
    status: rnd.pick(STATUSES),
    postingStatus: rnd.pick(POSTING),
    createdOn: iso(created),
    updatedOn: iso(created + rnd.int(0, 48) * HOUR),
    targetHiringDate: rnd.chance(0.5) ? "2024-09-01" : null,
    location: {
      country: place.country,
      countryCode: place.countryCode,
      region: place.region,
      city: place.city,
      address: rnd.chance(0.5) ? `${rnd.int(1, 120)} rue de l'Église` : null,
      postalCode: null,
      manual: false,
      remote: rnd.chance(0.2),
      latitude: place.lat,
      longitude: place.lng,
    },
    department: { id: department.toLowerCase(), label: department },
    industry: rnd.chance(0.8) ? { id: "computer_software", label: "Computer Software" } : null,
    function: { id: "information_technology", label: "Information Technology" },
    typeOfEmployment: { id: "permanent", label: "Full-time" },
    experienceLevel: rnd.chance(0.7) ? { id: "mid_senior_level", label: "Mid-Senior Level" } : null,
    eeoCategory: null,
    creator: { id: "u1", firstName: "Hélène", lastName: "Durand" },
    compensation: rnd.chance(0.6) ? { min: rnd.int(35, 50) * 1000, max: "65000", currency: "EUR" } : null,
    jobAd: {
      sections: {
        companyDescription: {
          title: "Qui sommes-nous ?",
          text: "<p>Acme &amp; Co &ndash; leader européen.</p>",
        },
        jobDescription: {
          title: "Description du poste",
          text: `<p>Rejoignez l'équipe ${department} à ${place.city}&nbsp;!</p><ul><li>Concevoir</li><li>Livrer</li></ul>`,
        },
        qualifications: { title: "Profil", text: `<ul><li>${rnd.int(2, 8)}+ ans d&#39;expérience</li></ul>` },
        additionalInformation: rnd.chance(0.5)
          ? { title: "Avantages", text: "<p>Télétravail &amp; RTT</p>" }
          : null,
      },
    },
  };
}

/** A realistic SmartRecruiters candidate (detail shape) number `n`, with missing majors and null links. */
export function generateCandidate(rnd: Random, n: number): SmartRecruitersCandidate {
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  const place = rnd.pick(PLACES);
  const created = START + n * 3 * HOUR;
  const email = `${first}.${last}.${n}`
    .normalize("NFD")
    .replace(/[^A-Za-z0-9.]/g, "")
    .toLowerCase();
  return {
    id: smartRecruitersId("candidate", n),
    firstName: first,
    lastName: last,
    email: `${email}@example.com`,
    phoneNumber: rnd.chance(0.7)
      ? `+33 6 ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}`
      : null,
    createdOn: iso(created),
    updatedOn: iso(created + rnd.int(0, 24) * HOUR),
    location: rnd.chance(0.9)
      ? {
          country: place.country,
          countryCode: place.countryCode,
          region: place.region,
          city: place.city,
          lat: place.lat,
          lng: place.lng,
        }
      : null,
    web: {
      linkedin: rnd.chance(0.6) ? `https://www.linkedin.com/in/${email.replace(/\./g, "-")}` : null,
      skype: null,
      website: rnd.chance(0.3) ? `https://${email.split(".")[1]}.example.org` : null,
    },
    tags: rnd.chance(0.5) ? ["java", "remote"] : [],
    education: [
      {
        institution: rnd.pick(SCHOOLS),
        degree: rnd.chance(0.8) ? "Master" : null,
        major: rnd.chance(0.7) ? "Informatique" : null,
        current: false,
        startDate: "2014-09",
        endDate: "2016-06-30",
        description: null,
      },
    ],
    experience: [
      {
        title: "Développeur",
        company: rnd.pick(COMPANIES),
        current: rnd.chance(0.5),
        startDate: "2016-09-01",
        endDate: null,
        location: place.city,
        description: "<p>Java &amp; Kotlin</p>",
      },
    ],
  };
}
