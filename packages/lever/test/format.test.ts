import {
  HrFlowJobSchema,
  type HrFlowProfile,
  HrFlowProfileSchema,
  htmlToTextOrNull,
} from "@hrflow-connectors/hrflow";
import { describe, expect, it } from "vitest";
import {
  formatJob,
  formatOpportunity,
  formatProfile,
  isoToMs,
  LeverOpportunityCreateSchema,
  type LeverOpportunityWithResumes,
  type LeverPosting,
  msToIso,
  resumeDate,
  splitName,
  urlType,
} from "../src/index.js";

const posting: LeverPosting = {
  id: "7f3b2c1a-0d4e-4f5a-9b8c-1e2d3c4b5a69",
  text: "Senior Backend Engineer",
  state: "published",
  distributionChannels: ["public", "internal"],
  categories: {
    commitment: "Full-time",
    department: "Engineering",
    location: "Paris, France",
    team: "Platform",
  },
  tags: ["Visa sponsorship", "Hybrid"],
  content: {
    description: "Join the Platform team.",
    descriptionHtml: "<div>Join the Platform team.</div>",
    lists: [
      { text: "What you will do", content: "<li>Build Go services</li><li>Review code &amp; mentor</li>" },
      { text: "Empty list" },
    ],
  },
  country: "FR",
  urls: {
    list: "https://jobs.lever.co/acme",
    show: "https://jobs.lever.co/acme/7f3b",
    apply: "https://jobs.lever.co/acme/7f3b/apply",
  },
  confidentiality: "non-confidential",
  createdAt: Date.UTC(2024, 0, 15, 9, 30),
  updatedAt: Date.UTC(2024, 1, 1, 12, 0),
  workplaceType: "hybrid",
  salaryRange: { min: 60000, max: 75000, currency: "EUR", interval: "per-year-salary" },
};

const opportunity: LeverOpportunityWithResumes = {
  id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  name: "Amina  Diallo Ndiaye",
  headline: "Data Analyst at Monzo",
  emails: ["amina@example.com", "amina.work@example.com"],
  phones: [{ type: "mobile", value: "+33 6 12 34 56 78" }],
  links: ["https://www.linkedin.com/in/amina-diallo", "github.com/aminad", "https://amina.dev"],
  location: "Lagos, Nigeria",
  createdAt: Date.UTC(2024, 2, 3, 8, 0),
  updatedAt: Date.UTC(2024, 2, 5, 8, 0),
  profile: [
    {
      id: "old",
      createdAt: 1,
      parsedData: { positions: [{ org: "Old Corp", title: "Intern" }] },
    },
    {
      id: "new",
      createdAt: Date.UTC(2024, 2, 3),
      file: {
        name: "amina.pdf",
        ext: "pdf",
        downloadUrl: "https://api.lever.co/v1/opportunities/0a1b/resumes/new/download",
        uploadedAt: Date.UTC(2024, 2, 3),
        size: 51234,
      },
      parsedData: {
        positions: [
          {
            org: "Monzo",
            title: "Data Analyst",
            summary: "Dashboards",
            location: "London",
            start: { year: 2021, month: 3 },
            end: null,
          },
          { org: null, title: "Freelance", start: { year: 2019 }, end: { year: 2021, month: 2 } },
        ],
        schools: [
          {
            org: "University of Lagos",
            degree: "BSc",
            field: "Mathematics",
            start: { year: 2015, month: 9 },
            end: { year: 2019, month: 6 },
          },
        ],
      },
    },
  ],
};

describe("formatJob", () => {
  it("maps a posting to a valid HrFlow job with the original's fields and tags", () => {
    const job = formatJob(posting);
    expect(HrFlowJobSchema.safeParse(job).success).toBe(true);
    expect(job).toMatchObject({
      reference: posting.id,
      name: "Senior Backend Engineer",
      url: "https://jobs.lever.co/acme/7f3b",
      summary: "Join the Platform team.",
      location: { text: "Paris, France", lat: null, lng: null },
      created_at: "2024-01-15T09:30:00.000Z",
      updated_at: "2024-02-01T12:00:00.000Z",
      ranges_float: [{ name: "salary", value_min: 60000, value_max: 75000, unit: "EUR" }],
    });
    expect(job.sections).toEqual([
      {
        name: "What you will do",
        title: "What you will do",
        description: "- Build Go services\n- Review code & mentor",
      },
      { name: "Empty list", title: "Empty list", description: null },
    ]);
    expect(job.tags?.map((t) => t.name)).toEqual([
      "lever_confidential",
      "lever_commitment",
      "lever_department",
      "lever_location",
      "lever_team",
      "lever_additional_tag_0",
      "lever_additional_tag_1",
      "lever_distributionChannel_0",
      "lever_distributionChannel_1",
      "lever_url_list",
      "lever_url_show",
      "lever_url_apply",
      "lever_country",
      "lever_state",
      "lever_workplaceType",
    ]);
    expect(job.tags?.[0]).toEqual({ name: "lever_confidential", value: "False" });
  });

  it("tolerates a bare posting (no categories, content, urls or salary)", () => {
    const job = formatJob({ id: "p1", text: "Recruiter", confidentiality: "confidential" });
    expect(HrFlowJobSchema.safeParse(job).success).toBe(true);
    expect(job).toMatchObject({ url: null, summary: null, sections: [], ranges_float: [], created_at: null });
    expect(job.tags).toEqual([{ name: "lever_confidential", value: "True" }]);
  });
});

describe("formatProfile", () => {
  it("maps an opportunity and its newest resume to a valid HrFlow profile", () => {
    const profile = formatProfile(opportunity);
    const parsed = HrFlowProfileSchema.safeParse(profile);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(profile.info).toEqual({
      full_name: "Amina  Diallo Ndiaye",
      first_name: "Amina",
      last_name: "Diallo Ndiaye",
      email: "amina@example.com",
      phone: "+33 6 12 34 56 78",
      location: { text: "Lagos, Nigeria", lat: null, lng: null },
      urls: [
        { type: "linkedin", url: "https://www.linkedin.com/in/amina-diallo" },
        { type: "github", url: "github.com/aminad" },
        { type: "from_resume", url: "https://amina.dev" },
      ],
    });
    expect(profile).toMatchObject({
      reference: opportunity.id,
      text: "Data Analyst at Monzo",
      created_at: "2024-03-03T08:00:00.000Z",
      skills: [],
      tags: [],
    });
    expect(profile.experiences).toEqual([
      {
        company: "Monzo",
        title: "Data Analyst",
        description: "Dashboards",
        location: { text: "London", lat: null, lng: null },
        date_start: "2021-03-01",
        date_end: null,
        skills: [],
      },
      {
        company: null,
        title: "Freelance",
        description: null,
        location: { text: null, lat: null, lng: null },
        date_start: "2019-01-01",
        date_end: "2021-02-01",
        skills: [],
      },
    ]);
    expect(profile.educations?.[0]).toMatchObject({
      school: "University of Lagos",
      title: "BSc",
      date_end: "2019-06-01",
    });
    expect(profile.attachments).toEqual([
      {
        type: "original",
        file_name: "amina.pdf",
        original_file_name: "amina.pdf",
        extension: "pdf",
        public_url: "https://api.lever.co/v1/opportunities/0a1b/resumes/new/download",
        file_size: 51234,
        created_at: "2024-03-03T00:00:00.000Z",
      },
    ]);
  });

  it("does not fail on a missing name, contact details or resumes", () => {
    const profile = formatProfile({ id: "o2", name: null, profile: [] });
    expect(HrFlowProfileSchema.safeParse(profile).success).toBe(true);
    expect(profile.info).toMatchObject({
      full_name: null,
      first_name: null,
      last_name: null,
      email: null,
      phone: null,
    });
    expect([profile.experiences, profile.educations, profile.attachments]).toEqual([[], [], []]);
  });
});

describe("formatOpportunity", () => {
  const profile: HrFlowProfile = {
    key: "k1",
    reference: "ref-1",
    created_at: "2024-05-02T10:00:00+0200",
    info: {
      full_name: "Kenji Tanaka",
      email: "kenji@example.com",
      phone: "+81 90 1234 5678",
      location: { text: "Tokyo, Japan", lat: null, lng: null },
      urls: [{ type: "linkedin", url: "https://linkedin.com/in/kenji" }],
    },
    experiences: [{ company: "Shopify" }, { company: null }],
    educations: [{ school: "UCL" }],
    skills: [
      { name: "Go", type: "hard" },
      { name: "Mentoring", type: "soft" },
    ],
    attachments: [{ type: "resume", public_url: "https://files.hrflow.ai/kenji.pdf" }],
  };

  it("builds a valid create-opportunity body", () => {
    const body = formatOpportunity(profile);
    expect(LeverOpportunityCreateSchema.safeParse(body).success).toBe(true);
    expect(body).toEqual({
      name: "Kenji Tanaka",
      headline: "Shopify , UCL",
      location: "Tokyo, Japan",
      phones: [{ type: "mobile", value: "+81 90 1234 5678" }],
      emails: ["kenji@example.com"],
      links: ["https://linkedin.com/in/kenji", "https://files.hrflow.ai/kenji.pdf"],
      tags: ["Go", "Mentoring"],
      createdAt: Date.UTC(2024, 4, 2, 8, 0),
    });
  });

  it("leaves out empty phones, emails, headline and dates instead of sending nulls", () => {
    const body = formatOpportunity({ info: { first_name: "Ana", last_name: "Lima" } });
    expect(body).toEqual({
      name: "Ana Lima",
      headline: null,
      location: null,
      phones: [],
      emails: [],
      links: [],
      tags: [],
    });
  });

  it("gives a nameless profile a body the Lever schema refuses (a format failure, not a bad POST)", () => {
    expect(LeverOpportunityCreateSchema.safeParse(formatOpportunity({ info: {} })).success).toBe(false);
  });
});

describe("helpers", () => {
  it("converts dates without depending on the host's time zone", () => {
    expect(msToIso(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(msToIso(null)).toBeNull();
    expect(isoToMs("2024-05-02T10:00:00.000Z")).toBe(Date.UTC(2024, 4, 2, 10));
    expect(isoToMs("2024-05-02T10:00:00")).toBe(Date.UTC(2024, 4, 2, 10));
    expect(isoToMs("2024-05-02")).toBe(Date.UTC(2024, 4, 2));
    expect(isoToMs("soon")).toBeNull();
  });

  it("reads resume dates, names, HTML and URL types", () => {
    expect(resumeDate({ year: 2020, month: 11 })).toBe("2020-11-01");
    expect(resumeDate({ year: 2020, month: 13 })).toBe("2020-01-01");
    expect(resumeDate({ month: 4 })).toBeNull();
    expect(resumeDate(null)).toBeNull();
    expect(splitName("Cher")).toEqual({ first: "Cher", last: null });
    expect(htmlToTextOrNull("<p>One&nbsp;line</p><ul><li>A</li><li>B<br>C</li></ul>")).toBe(
      "One line\n- A\n- B\n  C",
    );
    expect(htmlToTextOrNull("<p> </p>")).toBeNull();
    expect(urlType("https://x.com/someone")).toBe("twitter");
    expect(urlType("https://fr.linkedin.com/in/a")).toBe("linkedin");
    expect(urlType("https://notlinkedin.com/in/a")).toBe("from_resume");
    expect(urlType("::")).toBe("from_resume");
  });
});

describe("issue 13 fixes", () => {
  // A posting as Lever's export tools and some webhooks relay it: French copy with named entities,
  // timestamps as numeric text, and an empty salary range.
  const exported = {
    ...posting,
    text: "Développeur·se Full-Stack",
    content: {
      description: "Rejoignez l'équipe Paiements.",
      lists: [
        {
          text: "Ce que vous ferez",
          content:
            "<li>Concevoir l&rsquo;API &ndash; en Go</li><li>Am&eacute;liorer la qualit&eacute; &amp; la s&eacute;curit&eacute;&hellip;</li>",
        },
      ],
    },
    createdAt: "1717408496000",
    updatedAt: "1717494896000",
    salaryRange: {},
  } as unknown as LeverPosting;

  it("decodes every named entity in list content (bug 2)", () => {
    expect(formatJob(exported).sections).toEqual([
      {
        name: "Ce que vous ferez",
        title: "Ce que vous ferez",
        description: "- Concevoir l’API – en Go\n- Améliorer la qualité & la sécurité…",
      },
    ]);
  });

  it("converts epoch milliseconds sent as numeric text (bug 3)", () => {
    const job = formatJob(exported);
    expect(job.created_at).toBe("2024-06-03T09:54:56.000Z");
    expect(job.updated_at).toBe("2024-06-04T09:54:56.000Z");
    const withTextDates = {
      ...opportunity,
      createdAt: "1717408496000",
      updatedAt: "1717408496000",
    } as unknown as LeverOpportunityWithResumes;
    expect(formatProfile(withTextDates).created_at).toBe("2024-06-03T09:54:56.000Z");
  });

  it("gives no salary range for an empty salaryRange {} (bug 4), and keeps one with a bound", () => {
    expect(formatJob(exported).ranges_float).toEqual([]);
    expect(formatJob({ ...posting, salaryRange: { interval: "per-year-salary" } }).ranges_float).toEqual([]);
    expect(formatJob({ ...posting, salaryRange: { max: 70000, currency: "EUR" } }).ranges_float).toEqual([
      { name: "salary", value_min: null, value_max: 70000, unit: "EUR" },
    ]);
    expect(HrFlowJobSchema.safeParse(formatJob(exported)).success).toBe(true);
  });
});
