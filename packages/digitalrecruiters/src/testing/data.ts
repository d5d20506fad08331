import type { Random } from "@hrflow-connectors/core/testing";
import type { DigitalRecruitersJobAd, DigitalRecruitersJobApplication } from "../objects.js";

const FIRST = ["Camille", "Léa", "Hugo", "Chloé", "Louis", "Manon", "Jules", "Inès", "Nathan", "Sarah"];
const LAST = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Fournier",
];
const TITLES = [
  "Développeur Full Stack",
  "Chargé de recrutement",
  "Comptable fournisseurs",
  "Technicien de maintenance",
  "Responsable logistique",
  "Data Analyst",
];
const SKILLS = ["TypeScript", "SQL", "Excel", "SAP", "Gestion de projet", "Python", "Anglais"];
const CITIES = [
  { city: "Paris", zip: "75011", lat: 48.8566, lon: 2.3522 },
  { city: "Lyon", zip: "69003", lat: 45.764, lon: 4.8357 },
  { city: "Nantes", zip: "44000", lat: 47.2184, lon: -1.5536 },
];
const CUSTOM = [
  { name: "Possibilité de télétravail", values: ["Oui", "Non", "Partiel"] },
  { name: "Heures hebdomadaires", values: [35, 39] },
  { name: "Champ interne", values: ["ignored"] },
];

const iso = (day: number) => new Date(Date.UTC(2024, 0, 1 + day, 9, 30)).toISOString().slice(0, 19);

/** A realistic DR job ad: French HTML with entities, both picture shapes, custom fields. */
export function generateJobAd(random: Random, n: number): DigitalRecruitersJobAd {
  const place = random.pick(CITIES);
  const title = random.pick(TITLES);
  return {
    id: 1000 + n,
    reference: `REF-${String(n).padStart(4, "0")}`,
    title,
    // DR writes naive local date-times; the connector reads them as UTC.
    published_at: iso(n).replace("T", " "),
    description: `<p>Rejoignez notre &eacute;quipe &agrave; ${place.city}&nbsp;!</p><p>Poste&nbsp;: ${title}</p>`,
    profile: "<ul><li>Exp&eacute;rience de 2 ans</li><li>Esprit d&#39;&eacute;quipe</li></ul>",
    pictures:
      n % 2 === 0
        ? [{ default: `https://cdn.example.com/ads/${n}.jpg` }]
        : [`https://cdn.example.com/ads/${n}.png`],
    skills: [random.pick(SKILLS), random.pick(SKILLS)].filter((s, i, a) => a.indexOf(s) === i),
    address: {
      formatted: `${random.int(1, 99)} rue de la République, ${place.zip} ${place.city}, France`,
      position: { lat: String(place.lat), lon: String(place.lon) },
    },
    salary: random.chance(0.7) ? { min: 32000, max: 42000, currency: "EUR" } : null,
    entity: {
      manager: {
        firstname: random.pick(FIRST),
        lastname: random.pick(LAST),
        position: "Manager",
        picture_url: null,
      },
      hierarchy: [{ depth: 1, column_name: "Société", public_name: "Acme France" }],
    },
    referent_recruiter: {
      firstname: "Alex",
      lastname: "Roux",
      email: "alex.roux@acme.example",
      phoneNumber: "+33 1 23 45 67 89",
    },
    custom_fields: CUSTOM.map((c) => ({ name: c.name, value: random.pick(c.values as unknown[]) })),
  };
}

/** A realistic detailed job application; most carry a CV link on the fake, a few none. */
export function generateApplication(
  random: Random,
  n: number,
  cvBase: string,
  jobAds: readonly DigitalRecruitersJobAd[],
): DigitalRecruitersJobApplication {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const place = random.pick(CITIES);
  const id = 5000 + n;
  const ad = jobAds.length > 0 ? jobAds[n % jobAds.length]! : null;
  return {
    id,
    createdAt: `${iso(n)}+01:00`,
    updatedAt: `${iso(n + 1)}+01:00`,
    firstName: first,
    lastName: last,
    email: `${first}.${last}.${id}@example.org`
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, ""),
    phoneNumber: `+33 6 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    // Nested, as the original connector's read schema has it (the format also reads a flat address).
    location: {
      street: `${random.int(1, 120)} avenue Jean Jaurès`,
      city: place.city,
      zip: place.zip,
      country: "France",
      latitude: place.lat,
      longitude: place.lon,
    },
    cv: n % 10 === 9 ? null : { url: `${cvBase}/files/cv/${id}.pdf` },
    avatar: n % 7 === 3 ? null : { url: `https://cdn.example.com/avatars/${id}.jpg` },
    educationLevel: random.pick(["BAC+2", "BAC+3", "BAC+5"]),
    experienceLevel: random.pick(["Débutant", "Confirmé", "Senior"]),
    jobTitle: ad?.title ?? null,
    jobAd: ad ? { id: ad.id!, publishedAt: ad.published_at ?? null } : null,
    locale: "fr_FR",
    origin: random.pick(["Site carrière", "Indeed", "LinkedIn"]),
    isSpontaneous: ad === null,
    isImported: false,
    isFromExternalApi: random.chance(0.2),
    rejectedReason: null,
    applicationStatus: random.pick(["new", "in_progress", "hired"]),
  };
}

/** The bytes of a candidate's CV: text HrFlow's fake parser reads the name and email from. */
export function cvBytes(application: DigitalRecruitersJobApplication): Uint8Array {
  const text = `${application.firstName} ${application.lastName}\n${application.email}\nCompétences : TypeScript, SQL\n`;
  return new TextEncoder().encode(text);
}
