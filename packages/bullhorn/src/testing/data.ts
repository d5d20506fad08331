import type { Random } from "@hrflow-connectors/core/testing";
import type { Row } from "./lucene.js";

/** Epoch of the generated history: 2024, well before any test runs. */
export const START = Date.UTC(2024, 0, 8, 9, 0, 0);

const PLACES = [
  { address1: "12 rue de la Paix", city: "Paris", state: "Île-de-France", zip: "75002", countryCode: "FR" },
  { address1: "1 Finsbury Avenue", city: "London", state: "England", zip: "EC2A 4NE", countryCode: "GB" },
  { address1: "Friedrichstraße 68", city: "Berlin", state: "Berlin", zip: "10117", countryCode: "DE" },
  { address1: "100 Summer St", city: "Boston", state: "MA", zip: "02110", countryCode: "US" },
  {
    address1: "Carrer de València 333",
    city: "Barcelona",
    state: "Cataluña",
    zip: "08009",
    countryCode: "ES",
  },
] as const;
const ROLES = [
  "Forklift Operator",
  "Staff Accountant",
  "Registered Nurse",
  "Java Developer",
  "Chef de Partie",
];
const SKILLS = ["Excel", "SAP", "Java", "Spring", "HACCP", "First Aid", "Forklift", "Payroll", "Kubernetes"];
const FIRST = ["Zoé", "Jürgen", "María José", "Siobhán", "Amélie", "Oğuz", "Chloé", "Nguyễn"];
const LAST = ["Lefèvre", "Müller", "Núñez", "O'Brien", "Dubois", "Çelik", "Østergaard", "Trần"];
const SCHOOLS = [
  "Université Paris-Saclay",
  "TU München",
  "Universidad de Salamanca",
  "Trinity College Dublin",
];
const COMPANIES = ["Acme Staffing", "Société Générale", "Nestlé", "Bäckerei Müller GmbH"];
const STATUSES = ["Active", "Available", "Placed", "New Lead"];

/** Each generated row's dates: several rows share a second (the boundary a token must not skip). */
function datesOf(n: number): { dateAdded: number; dateLastModified: number } {
  const dateAdded = START + Math.floor(n / 3) * 60_000 + (n % 3) * 7;
  return { dateAdded, dateLastModified: dateAdded };
}

/** A realistic JobOrder number `n` (HTML description with entities and a list, accents, nulls). */
export function generateJob(rnd: Random, n: number): Row {
  const role = rnd.pick(ROLES);
  const place = rnd.pick(PLACES);
  const skills = [rnd.pick(SKILLS), rnd.pick(SKILLS)];
  return {
    id: 1000 + n,
    title: `${role} (${place.city})`,
    ...datesOf(n),
    address: rnd.chance(0.15) ? null : { ...place, address2: null, countryID: 1 },
    publicDescription: rnd.chance(0.1)
      ? null
      : `<p>Join <strong>Acme &amp; Co</strong> in ${place.city} &ndash; caf&eacute; on site.</p><ul><li>${skills[0]}</li><li>${skills[1]}</li></ul>`,
    description: `<p>Internal notes for ${role}</p>`,
    skillList: rnd.chance(0.2) ? null : `${skills.join(", ")}, `,
    degreeList: rnd.chance(0.5) ? ["Bachelor", "Master"] : null,
    durationWeeks: rnd.chance(0.5) ? rnd.int(4, 52) : null,
    employmentType: rnd.pick(["Contract", "Permanent", "Temp to Hire"]),
    numOpenings: rnd.int(1, 5),
    onSite: rnd.pick(["On-Site", "Remote", "Hybrid"]),
    salary: rnd.chance(0.3) ? 0 : rnd.int(30, 90) * 1000,
    salaryUnit: rnd.pick(["Per Year", "Per Hour", null]),
    startDate: rnd.chance(0.5) ? START + rnd.int(10, 90) * 86_400_000 : null,
    status: rnd.pick(["Accepting Candidates", "Covered", "Closed"]),
    type: rnd.int(1, 3),
    willRelocate: rnd.chance(0.5),
    isWorkFromHome: rnd.chance(0.3),
    hoursPerWeek: rnd.chance(0.7) ? 35 : null,
    hoursOfOperation: rnd.chance(0.5) ? "9h-17h" : null,
    isOpen: !rnd.chance(0.2),
    isDeleted: false,
    clientCorporation: { id: 77, name: "Acme & Co" },
    owner: { id: 5, firstName: "Ana", lastName: "Ruiz" },
  };
}

/** A realistic Candidate number `n`, with education and work-history rows and maybe a resume. */
export function generateCandidate(rnd: Random, n: number): Row & { rows: Row[]; files: Row[] } {
  const first = rnd.pick(FIRST);
  const last = rnd.pick(LAST);
  const place = rnd.pick(PLACES);
  const id = 5000 + n;
  const email = `${first}.${last}.${n}`
    .normalize("NFD")
    .replace(/[^A-Za-z0-9.]/g, "")
    .toLowerCase();
  const rows: Row[] = [
    {
      kind: "educations",
      id: id * 10 + 1,
      city: place.city,
      school: rnd.pick(SCHOOLS),
      degree: rnd.pick(["BSc Économie", "MSc Informatik", null]),
      certification: rnd.chance(0.3) ? "CPA" : null,
      comments: null,
      startDate: START - 6 * 365 * 86_400_000,
      endDate: rnd.chance(0.2) ? null : START - 3 * 365 * 86_400_000,
    },
    {
      kind: "workHistories",
      id: id * 10 + 2,
      companyName: rnd.pick(COMPANIES),
      title: rnd.pick(ROLES),
      comments: "<p>Led a team of 4 &amp; shipped.</p>",
      startDate: START - 3 * 365 * 86_400_000,
      endDate: null,
    },
  ];
  const files: Row[] = rnd.chance(0.7)
    ? [
        {
          id: id * 10 + 5,
          type: "Cover Letter",
          name: "cover.txt",
          contentType: "text/plain",
          dateAdded: START,
          bytes: "Dear team",
        },
        {
          id: id * 10 + 6,
          type: "Resume",
          name: `CV ${first} ${last}.pdf`,
          contentType: "application/pdf",
          dateAdded: START + n,
          bytes: `%PDF-1.4 resume of candidate ${id}`,
        },
      ]
    : [];
  return {
    id,
    firstName: first,
    lastName: last,
    name: `${first} ${last}`,
    email: rnd.chance(0.1) ? null : `${email}@example.com`,
    mobile: rnd.chance(0.2)
      ? null
      : `+33 6 ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)} ${rnd.int(10, 99)}`,
    phone: null,
    dateOfBirth: rnd.chance(0.4) ? null : Date.UTC(1980 + rnd.int(0, 20), rnd.int(0, 11), rnd.int(1, 28)),
    dateAvailable: rnd.chance(0.5) ? START + 30 * 86_400_000 : null,
    ...datesOf(n),
    status: rnd.pick(STATUSES),
    skillSet: rnd.chance(0.2) ? null : `${rnd.pick(SKILLS)},${rnd.pick(SKILLS)}`,
    description: rnd.chance(0.5) ? null : "Experienced, reliable &amp; available.",
    address: rnd.chance(0.1) ? null : { ...place, address2: null, countryID: 1 },
    activePlacements: { total: rnd.int(0, 2), data: [] },
    isDeleted: false,
    rows,
    files,
  };
}
