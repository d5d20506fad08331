import { HrFlowJobSchema, type HrFlowProfile, HrFlowProfileSchema } from "@hrflow-connectors/hrflow";
import { describe, expect, it } from "vitest";
import {
  formatCandidate,
  formatCandidateArchive,
  formatJob,
  formatJobArchive,
  formatLegacyJob,
  formatLegacyProfile,
  formatProfile,
  formatProfileUpdate,
  parseCoords,
  toHrFlowDate,
  type WorkableCandidate,
  type WorkableJob,
} from "../src/index.js";

const job: WorkableJob = {
  id: "61884e2",
  title: "Senior Backend Engineer",
  full_title: "Senior Backend Engineer - GR/12",
  shortcode: "ENG00012",
  code: "GR/12",
  state: "published",
  department: "Engineering",
  url: "https://acme.workable.com/j/ENG00012",
  application_url: "https://acme.workable.com/j/ENG00012/apply",
  shortlink: "https://acme.workable.com/j/ENG00012",
  location: {
    location_str: "Athens, Attica, Greece",
    country: "Greece",
    country_code: "GR",
    region: "Attica",
    region_code: "I",
    city: "Athens",
    zip_code: "105 57",
    telecommuting: false,
    workplace_type: "hybrid",
  },
  locations: [
    { city: "Berlin", country: "Germany", coords: "52.52,13.405" },
    { city: "Athens", country: "Greece", coords: "37.9838, 23.7275" },
  ],
  salary: { salary_from: 50000, salary_to: 70000, salary_currency: "EUR" },
  employment_type: "Full-time",
  industry: "Software",
  function: "Engineering",
  experience: "Mid-Senior level",
  education: "Master's Degree",
  full_description: "<p>Build APIs.</p><ul><li>Go</li></ul>",
  description: "<p>Build APIs.</p>",
  requirements: "<ul><li>Go &amp; SQL</li></ul>",
  benefits: null,
  created_at: "2024-03-01T09:30:00Z",
  updated_at: "2024-03-04T12:00:00Z",
};

const candidate: WorkableCandidate = {
  id: "ce4da98",
  name: "Lakita Marrero",
  firstname: "Lakita",
  lastname: "Marrero",
  headline: "Operations Manager",
  image_url: "https://cdn.example.com/lakita.png",
  job: { shortcode: "ENG00012", title: "Senior Backend Engineer" },
  stage: "Interview",
  disqualified: true,
  disqualified_at: "2024-04-02T10:00:00Z",
  disqualification_reason: "Position filled",
  hired_at: null,
  source: "LinkedIn",
  email: "lakita.marrero@example.com",
  phone: "+30 210 555 0101",
  address: "Athens, Greece",
  summary: "Ten years running operations.",
  created_at: "2024-03-10T08:00:00Z",
  updated_at: "2024-04-02T10:00:00Z",
  education_entries: [
    {
      degree: "MSc",
      field_of_study: "Economics",
      school: "University of Athens",
      start_date: "2010-09",
      end_date: "2012-06-30",
    },
    { degree: null, field_of_study: null, school: "Lycée", start_date: null, end_date: null },
  ],
  experience_entries: [
    {
      title: "Ops Manager",
      company: "Globex",
      summary: "Ran the warehouse.",
      start_date: "2015-01-01",
      end_date: null,
    },
  ],
  skills: [{ name: "Logistics" }, { name: "SQL" }],
  tags: ["priority"],
  answers: [{ question_key: "q1", body: "Yes" }],
  social_profiles: [
    { type: "linkedin", url: "https://www.linkedin.com/in/lakita" },
    { type: "dribbble", url: "https://dribbble.com/lakita" },
  ],
  location: { location_str: null, city: "Athens", region: "Attica", country: "Greece", zip_code: null },
};

const profile: HrFlowProfile = {
  key: "p-key",
  reference: "ce4da98",
  info: {
    full_name: "Lakita Marrero",
    first_name: "Lakita",
    last_name: "Marrero",
    email: "lakita.marrero@example.com",
    phone: "+30 210 555 0101",
    summary: "Ten years running operations.",
    picture: null,
    location: { text: "Athens, Greece", lat: 37.98, lng: 23.72 },
    urls: [
      { type: "linkedin", url: "https://www.linkedin.com/in/lakita" },
      { type: "github", url: null },
    ],
  },
  educations: [
    { school: null, title: "MSc Economics", date_start: "2010-09-01T00:00:00+0000", date_end: null },
  ],
  experiences: [
    { company: "Globex", title: "", description: "Ran the warehouse.", date_start: "2015-01-01" },
  ],
  skills: [{ name: "Logistics", type: "hard", value: null }],
  attachments: [
    { type: "original", public_url: "https://files.example.com/original.pdf" },
    { type: "resume", public_url: "https://files.example.com/resume.pdf" },
    { type: "resume", public_url: "https://files.example.com/resume-2.pdf" },
  ],
};

describe("formatJob", () => {
  const out = formatJob(job);

  it("maps identity, texts and dates, and matches the HrFlow job schema", () => {
    expect(out).toMatchObject({
      name: "Senior Backend Engineer",
      reference: "ENG00012",
      url: "https://acme.workable.com/j/ENG00012",
      summary: "<p>Build APIs.</p>",
      requirements: "<ul><li>Go &amp; SQL</li></ul>",
      benefits: null,
      created_at: "2024-03-01T09:30:00Z",
      updated_at: "2024-03-04T12:00:00Z",
    });
    expect(HrFlowJobSchema.safeParse(out).success).toBe(true);
  });

  it("takes the coordinates of the primary city, not the first entry", () => {
    expect(out.location).toEqual({
      text: "Athens, Attica, Greece",
      lat: 37.9838,
      lng: 23.7275,
      fields: {
        country: "Greece",
        country_code: "GR",
        state: "Attica",
        region_code: "I",
        city: "Athens",
        postcode: "105 57",
        telecommuting: false,
        workplace_type: "hybrid",
      },
    });
  });

  it("keeps non-empty sections only, stringifies tags and maps the salary", () => {
    expect(out.sections?.map((s) => s.name)).toEqual(["full_description", "description", "requirements"]);
    expect(out.tags).toContainEqual({ name: "id", value: "61884e2" });
    expect(out.tags).toContainEqual({ name: "employment_type", value: "Full-time" });
    expect(out.tags).toHaveLength(9);
    expect(out.ranges_float).toEqual([{ name: "salary", value_min: 50000, value_max: 70000, unit: "EUR" }]);
  });

  it("tolerates a null location, locations without coords and no salary", () => {
    const bare = formatJob({
      id: "1",
      title: "Intern",
      shortcode: "INT1",
      location: null,
      locations: [{ city: "X" }],
    });
    expect(bare.location).toEqual({ text: null, lat: null, lng: null, fields: {} });
    expect(bare.ranges_float).toEqual([]);
    expect(HrFlowJobSchema.safeParse(bare).success).toBe(true);
  });

  it("archives by shortcode", () => {
    expect(formatJobArchive(job)).toEqual({ reference: "ENG00012", name: "Senior Backend Engineer" });
  });
});

describe("formatLegacyJob (pull_job_list)", () => {
  it("fills the location fields and the workable_* tags the original lost", () => {
    const out = formatLegacyJob(job);
    expect(out.location?.fields).toMatchObject({ country: "Greece", city: "Athens", telecommuting: false });
    expect(out.tags?.map((t) => t.name)).toEqual([
      "workable_employment_type",
      "workable_full_title",
      "workable_id",
      "workable_code",
      "workable_state",
      "workable_department",
      "workable_application_url",
      "workable_shortlink",
    ]);
    expect(out.sections).toEqual([
      { name: "workable_description", title: "workable_description", description: "Build APIs." },
      { name: "workable_requirements", title: "workable_requirements", description: "- Go & SQL" },
    ]);
  });
});

describe("formatCandidate", () => {
  const out = formatCandidate(candidate);

  it("maps the candidate to a valid HrFlow profile", () => {
    expect(HrFlowProfileSchema.safeParse(out).success).toBe(true);
    expect(out.reference).toBe("ce4da98");
    expect(out.info).toMatchObject({
      full_name: "Lakita Marrero",
      first_name: "Lakita",
      last_name: "Marrero",
      email: "lakita.marrero@example.com",
      picture: "https://cdn.example.com/lakita.png",
      urls: [{ type: "linkedin", url: "https://www.linkedin.com/in/lakita" }],
    });
    expect(out.info?.location?.text).toBe("Athens, Attica, Greece");
  });

  it("reads disqualification_reason and stringifies every tag value", () => {
    const tags = Object.fromEntries((out.tags ?? []).map((t) => [t.name, t.value]));
    expect(tags.disqualified_reason).toBe("Position filled");
    expect(tags.disqualified).toBe("true");
    expect(tags.job).toBe('{"shortcode":"ENG00012","title":"Senior Backend Engineer"}');
    expect(tags.workable_tags).toBe('["priority"]');
    expect(tags.hired_at).toBeNull();
  });

  it("maps education, experience and skills with HrFlow dates", () => {
    expect(out.educations?.[0]).toMatchObject({
      school: "University of Athens",
      title: "MSc in Economics",
      date_start: "2010-09-01",
      date_end: "2012-06-30",
    });
    expect(out.educations?.[1]?.title).toBeNull();
    expect(out.experiences?.[0]).toMatchObject({
      company: "Globex",
      title: "Ops Manager",
      description: "Ran the warehouse.",
    });
    expect(out.skills).toEqual([
      { name: "Logistics", type: "hard", value: null },
      { name: "SQL", type: "hard", value: null },
    ]);
  });

  it("passes a downloaded resume on with its type and name", () => {
    const raw = new Uint8Array([37, 80, 68, 70]);
    const withResume = formatCandidate({
      ...candidate,
      resume: { raw, content_type: "application/pdf", file_name: "cv.pdf" },
    });
    expect(withResume.resume).toEqual({ raw, content_type: "application/pdf", file_name: "cv.pdf" });
  });

  it("archives by candidate id", () => {
    expect(formatCandidateArchive(candidate)).toEqual({ reference: "ce4da98" });
  });
});

describe("formatProfile and formatProfileUpdate", () => {
  it("builds the flat candidate the write wraps, with Workable's required fields", () => {
    expect(formatProfile(profile)).toEqual({
      name: "Lakita Marrero",
      firstname: "Lakita",
      lastname: "Marrero",
      email: "lakita.marrero@example.com",
      phone: "+30 210 555 0101",
      address: "Athens, Greece",
      summary: "Ten years running operations.",
      education_entries: [{ school: "Undefined", degree: "MSc Economics", start_date: "2010-09-01" }],
      experience_entries: [
        { title: "Undefined", company: "Globex", summary: "Ran the warehouse.", start_date: "2015-01-01" },
      ],
      skills: ["Logistics"],
      social_profiles: [{ type: "linkedin", url: "https://www.linkedin.com/in/lakita" }],
      resume_url: "https://files.example.com/resume.pdf",
    });
  });

  it("survives a null location, null attachments and attachments without type", () => {
    const p: HrFlowProfile = { ...profile, info: { ...profile.info, location: null }, attachments: null };
    expect(formatProfile(p).address).toBeUndefined();
    expect(formatProfile({ ...profile, attachments: [{ public_url: "x" }] }).resume_url).toBeUndefined();
  });

  it("refuses a profile without email (a format failure, not a request)", () => {
    expect(() => formatProfile({ ...profile, info: { ...profile.info, email: null } })).toThrow(/no email/);
  });

  it("adds the candidate id for updates and leaves unknown lists out", () => {
    const out = formatProfileUpdate({ ...profile, educations: null });
    expect(out.id).toBe("ce4da98");
    expect(out).not.toHaveProperty("education_entries");
    expect(() => formatProfileUpdate({ ...profile, reference: null })).toThrow(/no reference/);
  });

  it("older push_profile: an object body with sourced and the first resume", () => {
    expect(formatLegacyProfile(profile)).toEqual({
      sourced: true,
      candidate: {
        name: "Lakita Marrero",
        summary: "Ten years running operations.",
        email: "lakita.marrero@example.com",
        phone: "+30 210 555 0101",
        address: "Athens, Greece",
        resume_url: "https://files.example.com/resume.pdf",
      },
    });
  });
});

describe("helpers", () => {
  it("parses coordinates strictly", () => {
    expect(parseCoords("48.85,2.35")).toEqual({ lat: 48.85, lng: 2.35 });
    expect(parseCoords("48.85, 2.35")).toEqual({ lat: 48.85, lng: 2.35 });
    expect(parseCoords("north")).toBeNull();
    expect(parseCoords("200,0")).toBeNull();
    expect(parseCoords(null)).toBeNull();
  });

  it("normalizes Workable dates for HrFlow", () => {
    expect(toHrFlowDate("2015-07-08T11:56:16Z")).toBe("2015-07-08T11:56:16Z");
    expect(toHrFlowDate("2015-07-08T11:56:16")).toBe("2015-07-08T11:56:16Z");
    expect(toHrFlowDate("20150708T115616Z")).toBe("2015-07-08T11:56:16Z");
    expect(toHrFlowDate("2015-07")).toBe("2015-07-01");
    expect(toHrFlowDate("2015")).toBe("2015-01-01");
    expect(toHrFlowDate("soon")).toBeNull();
  });
});
