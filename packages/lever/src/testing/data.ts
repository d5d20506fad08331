import type { Random } from "@hrflow-connectors/core/testing";
import type { LeverOpportunity, LeverPosting, LeverResume } from "../objects.js";

/** A Lever-style id (a UUID) drawn from `r`. */
function leverId(r: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(r.next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const FIRST = ["Amina", "Lucas", "Sofia", "Kenji", "Priya", "Mateo", "Chloé", "Olusegun", "Hannah", "Yusuf"];
const LAST = [
  "Diallo",
  "Martin",
  "García",
  "Tanaka",
  "Sharma",
  "Rossi",
  "Dubois",
  "Adeyemi",
  "Schmidt",
  "Kaya",
];
const CITIES = [
  "Paris, France",
  "Berlin, Germany",
  "London, UK",
  "Lagos, Nigeria",
  "Toronto, Canada",
  "Remote",
];
const COMPANIES = ["Doctolib", "Zalando", "Monzo", "Flutterwave", "Shopify", "Spotify", "Datadog"];
const SCHOOLS = ["École Polytechnique", "TU München", "University of Lagos", "University of Toronto", "UCL"];
const DEGREES = ["MSc", "BSc", "MEng", "PhD"];
const FIELDS = ["Computer Science", "Mathematics", "Economics", "Design"];
const TITLES = ["Backend Engineer", "Product Designer", "Data Analyst", "Engineering Manager", "Recruiter"];
const LEVELS = ["Junior", "Mid-level", "Senior", "Lead"];
const TEAMS: [string, string][] = [
  ["Engineering", "Platform"],
  ["Engineering", "Data"],
  ["Product", "Design"],
  ["People", "Talent"],
];
const SKILLS = ["Go", "TypeScript", "PostgreSQL", "Figma", "SQL", "Kubernetes", "Python"];

const DAY = 86_400_000;
const EPOCH = Date.UTC(2024, 0, 15, 9, 30);

/** A realistic published posting. */
export function generatePosting(r: Random, n: number, origin: string): LeverPosting {
  const id = leverId(r);
  const [department, team] = r.pick(TEAMS);
  const level = r.pick(LEVELS);
  const title = r.pick(TITLES);
  const city = r.pick(CITIES);
  const skills = [r.pick(SKILLS), r.pick(SKILLS)];
  const createdAt = EPOCH + n * DAY;
  const description = `Join our ${team} team as a ${level} ${title}. You will work with ${skills.join(" and ")}.`;
  return {
    id,
    text: `${level} ${title}`,
    state: n % 7 === 6 ? "internal" : "published",
    distributionChannels: n % 7 === 6 ? ["internal"] : ["public", "internal"],
    user: "u-recruiter",
    owner: "u-recruiter",
    hiringManager: "u-manager",
    categories: { commitment: "Full-time", department, level, location: city, team, allLocations: [city] },
    tags: n % 2 === 0 ? ["Visa sponsorship"] : [],
    content: {
      description,
      descriptionHtml: `<div>${description}</div>`,
      lists: [
        {
          text: "What you will do",
          content: `<li>Build ${skills[0]} services</li><li>Review code &amp; mentor</li>`,
        },
        { text: "What we offer", content: "<li>Remote days</li><li>Learning budget</li>" },
      ],
      closing: "We welcome every background.",
      closingHtml: "<div>We welcome every background.</div>",
    },
    country: city.endsWith("France") ? "FR" : city === "Remote" ? null : "GB",
    followers: ["u-manager"],
    reqCode: `REQ-${100 + n}`,
    requisitionCodes: [`REQ-${100 + n}`],
    urls: {
      list: `${origin}/jobs`,
      show: `${origin}/jobs/${id}`,
      apply: `${origin}/jobs/${id}/apply`,
    },
    confidentiality: "non-confidential",
    createdAt,
    updatedAt: createdAt + DAY,
    workplaceType: city === "Remote" ? "remote" : "hybrid",
    ...(n % 3 === 0
      ? {
          salaryRange: {
            min: 50_000 + n * 1000,
            max: 70_000 + n * 1000,
            currency: "EUR",
            interval: "per-year-salary",
          },
        }
      : {}),
  };
}

/** A realistic opportunity; its resumes are generated apart (Lever serves them on another route). */
export function generateOpportunity(r: Random, n: number): LeverOpportunity {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const handle = `${first}-${last}`
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z-]/g, "");
  const createdAt = EPOCH + n * DAY;
  return {
    id: leverId(r),
    name: `${first} ${last}`,
    headline: `${r.pick(TITLES)} at ${r.pick(COMPANIES)}`,
    contact: leverId(r),
    emails: [`${handle}.${n}@example.com`],
    phones: [{ type: "mobile", value: `+33 6 ${String(10_000_000 + n).slice(0, 8)}` }],
    links: [`https://www.linkedin.com/in/${handle}-${n}`, `https://github.com/${handle}${n}`],
    location: r.pick(CITIES),
    stage: "lead-new",
    tags: ["Sourced"],
    sources: ["LinkedIn"],
    origin: "sourced",
    owner: "u-recruiter",
    followers: ["u-recruiter"],
    applications: [],
    archived: null,
    createdAt,
    updatedAt: createdAt + 2 * DAY,
    urls: { list: "https://hire.lever.co/candidates", show: `https://hire.lever.co/candidates/${n}` },
  };
}

/** A parsed resume of an opportunity. */
export function generateResume(r: Random, n: number, origin: string, opportunityId: string): LeverResume {
  const id = leverId(r);
  const startYear = 2012 + (n % 6);
  return {
    id,
    createdAt: EPOCH + n * DAY,
    file: {
      name: `resume-${n}.pdf`,
      ext: "pdf",
      downloadUrl: `${origin}/v1/opportunities/${opportunityId}/resumes/${id}/download`,
      uploadedAt: EPOCH + n * DAY,
      status: "processed",
      size: 48_000 + n,
    },
    parsedData: {
      positions: [
        {
          org: r.pick(COMPANIES),
          title: r.pick(TITLES),
          summary: "Led the migration of the billing services.",
          location: r.pick(CITIES),
          start: { year: startYear + 4, month: 3 },
          end: null,
        },
        {
          org: r.pick(COMPANIES),
          title: r.pick(TITLES),
          summary: "Built internal tools.",
          location: r.pick(CITIES),
          start: { year: startYear, month: 9 },
          end: { year: startYear + 4, month: 2 },
        },
      ],
      schools: [
        {
          org: r.pick(SCHOOLS),
          degree: r.pick(DEGREES),
          field: r.pick(FIELDS),
          summary: null,
          location: null,
          start: { year: startYear - 5, month: 9 },
          end: { year: startYear - 1, month: 6 },
        },
      ],
    },
  };
}
