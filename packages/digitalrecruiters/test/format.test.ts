import { HrFlowJobSchema, type HrFlowProfile, HrFlowProfileParsingSchema } from "@hrflow-connectors/hrflow";
import { describe, expect, it } from "vitest";
import {
  DigitalRecruitersApplicationSchema,
  drGender,
  formatDrProfile,
  formatJob,
  parsePushProfileEvent,
  profileToApplication,
  tagValue,
  toTimestamp,
} from "../src/index.js";

const ad = {
  id: 1204,
  reference: "REF-0042",
  title: "Développeur Full Stack",
  published_at: "2024-03-01 09:30:00",
  description: "<p>Rejoignez l&rsquo;&eacute;quipe&nbsp;!</p><p>T&eacute;l&eacute;travail</p>",
  profile: "<ul><li>3 ans d&#39;exp&eacute;rience</li><li>TypeScript &amp; SQL</li></ul>",
  pictures: [{ default: "https://cdn.example.com/ads/42.jpg" }],
  skills: ["TypeScript", "SQL"],
  address: { formatted: "12 rue de la Paix, 75002 Paris", position: { lat: "48.8686", lon: 2.3317 } },
  salary: { min: 40000, max: 50000, currency: "EUR" },
  entity: {
    manager: { firstname: "Claire", lastname: "Morel", position: "CTO", picture_url: null },
    hierarchy: [{ depth: 2, column_name: "Site", public_name: "Paris" }],
  },
  referent_recruiter: { email: "rh@acme.example", phoneNumber: "+33 1 00 00 00 00" },
  custom_fields: [
    { name: "Heures hebdomadaires", value: 35 },
    { name: "Date envisagée de recrutement", value: "2024-04-01" },
    { name: "Champ interne", value: "dropped" },
  ],
};

describe("formatJob", () => {
  it("maps a job ad to a valid HrFlow job", () => {
    const job = formatJob(ad);
    expect(HrFlowJobSchema.safeParse(job).success).toBe(true);
    expect(job).toMatchObject({
      name: "Développeur Full Stack",
      reference: "REF-0042",
      picture: "https://cdn.example.com/ads/42.jpg",
      created_at: "2024-03-01T09:30:00Z",
      location: { text: "12 rue de la Paix, 75002 Paris", lat: 48.8686, lng: 2.3317 },
      requirements: "- 3 ans d'expérience\n- TypeScript & SQL",
      skills: [
        { name: "TypeScript", type: "hard", value: null },
        { name: "SQL", type: "hard", value: null },
      ],
    });
    expect(job.sections).toEqual([
      { name: "description", title: "description", description: "Rejoignez l\u2019équipe !\nTélétravail" },
      { name: "profile", title: "profile", description: "- 3 ans d'expérience\n- TypeScript & SQL" },
    ]);
    expect(job.tags).toEqual([
      { name: "digitalrecruiters_compensation_min", value: "40000" },
      { name: "digitalrecruiters_compensation_max", value: "50000" },
      { name: "digitalrecruiters_compensation_currency", value: "EUR" },
      { name: "digitalrecruiters_manager_firstName", value: "Claire" },
      { name: "digitalrecruiters_manager_lastName", value: "Morel" },
      { name: "digitalrecruiters_manager_position", value: "CTO" },
      { name: "digitalrecruiters_recruiter_email", value: "rh@acme.example" },
      { name: "digitalrecruiters_recruiter_phoneNumber", value: "+33 1 00 00 00 00" },
      { name: "hierarchy_2", value: "Site:Paris" },
      { name: "digitalrecruiters_heures_hebdomadaires", value: "35" },
      { name: "digitalrecruiters_date_enviseagee_de_recrutement", value: "2024-04-01" },
    ]);
  });

  it("survives the shapes that crashed the original: null entity, plain picture URLs, no address", () => {
    const job = formatJob({
      title: "Comptable",
      reference: "R1",
      entity: null,
      pictures: ["https://cdn.example.com/a.png"],
      description: "<p>Only a description</p>",
    });
    expect(job.picture).toBe("https://cdn.example.com/a.png");
    expect(job.location).toEqual({ text: "", lat: null, lng: null });
    expect(job.sections).toEqual([
      { name: "description", title: "description", description: "Only a description" },
    ]);
    expect(job.tags).toEqual([]);
    expect(HrFlowJobSchema.safeParse(job).success).toBe(true);
  });

  it("leaves a title-less ad without a name, which the HrFlow job schema refuses", () => {
    expect(HrFlowJobSchema.safeParse(formatJob({ reference: "R2" })).success).toBe(false);
  });
});

const application = {
  id: 5012,
  createdAt: "2024-02-10T08:00:00+01:00",
  firstName: "Inès",
  lastName: "Moreau",
  email: "ines.moreau@example.org",
  phoneNumber: "+33 6 11 22 33 44",
  street: "3 avenue Foch",
  city: "Lyon",
  zip: "69006",
  country: "France",
  cv: { url: "https://api.example.com/files/cv/5012.pdf" },
  avatar: { url: "https://cdn.example.com/av/5012.jpg" },
  educationLevel: "BAC+5",
  jobAd: { id: 1204, publishedAt: "2024-01-01" },
  isSpontaneous: false,
  isImported: true,
  rejectedReason: null,
  applicationStatus: "new",
  resume: { raw: new Uint8Array([1, 2, 3]), content_type: "application/pdf", file_name: "cv-5012.pdf" },
};

describe("formatDrProfile", () => {
  it("maps an application to a parsing item with text tags and the resume beside them", () => {
    const item = formatDrProfile(application);
    expect(HrFlowProfileParsingSchema.safeParse(item).success).toBe(true);
    expect(item.reference).toBe("5012");
    expect(item.created_at).toBe("2024-02-10T08:00:00+01:00");
    expect(item.resume?.content_type).toBe("application/pdf");
    expect(item.metadatas).toEqual([]);
    const tags = Object.fromEntries(item.tags.map((t) => [t.name, t.value]));
    expect(tags).toEqual({
      "digitalrecruiters_profile-email": "ines.moreau@example.org",
      "digitalrecruiters_profile-phoneNumber": "+33 6 11 22 33 44",
      "digitalrecruiters_profile-fullName": "Inès Moreau",
      digitalrecruiters_avatar: "https://cdn.example.com/av/5012.jpg",
      "digitalrecruiters_profile-location": "3 avenue Foch, Lyon, (69006), France",
      "digitalrecruiters_education-level": "BAC+5",
      "digitalrecruiters_job-id": "1204",
      "digitalrecruiters_job-published-at": "2024-01-01",
      "digitalrecruiters_is-spontaneous": "false",
      "digitalrecruiters_is-imported": "true",
      "digitalrecruiters_application-status": "new",
    });
    expect(item.tags.some((t) => t.name === "digitalrecruiters_profile-resume")).toBe(false);
  });

  it("formats an application without cv, avatar, jobAd or names (the original failed it)", () => {
    const item = formatDrProfile({
      id: 7,
      createdAt: "2024-01-01T00:00:00Z",
      cv: null,
      avatar: null,
      jobAd: null,
    });
    expect(item.resume).toBeNull();
    expect(item.tags).toEqual([]);
  });
});

const profile = {
  key: "p1",
  reference: "ref-1",
  info: {
    full_name: "Jean-Luc Picard",
    first_name: null,
    last_name: null,
    email: "jl.picard@example.org",
    phone: "+33 6 98 76 54 32",
    gender: "Male",
    location: {
      text: "10 rue Victor Hugo 69002 Lyon",
      lat: 45.75,
      lng: 4.83,
      fields: {
        house_number: "10",
        road: "rue Victor Hugo",
        postcode: "69002",
        city: "Lyon",
        state_district: "Rhône",
      },
    },
  },
  attachments: [
    { type: "original", public_url: "https://storage.example.com/o.pdf", file_name: "o.pdf" },
    { type: "resume", public_url: "https://storage.example.com/r.pdf", original_file_name: "picard.pdf" },
  ],
  tags: [{ name: "s_o", value: "linkedin" }],
};

describe("profileToApplication (format_profile)", () => {
  const at = new Date("2024-05-06T07:08:09.123Z");

  it("builds DR's application: names from full_name, gender code, street, zip, city, resume link", () => {
    const out = profileToApplication(profile, at);
    expect(DigitalRecruitersApplicationSchema.safeParse(out).success).toBe(true);
    expect(out).toEqual({
      consent_date: "2024-05-06 07:08:09",
      s_o: "linkedin",
      locale: "fr_FR",
      ApplicationProfile: {
        gender: 1,
        firstName: "Jean-Luc",
        lastName: "Picard",
        email: "jl.picard@example.org",
        phoneNumber: "+33 6 98 76 54 32",
        addressStreet: "10 rue Victor Hugo",
        addressZip: "69002",
        addressCity: "Lyon",
      },
      resume_url: "https://storage.example.com/r.pdf",
      resume_name: "picard.pdf",
    });
  });

  it("never guesses a gender, reads list-shaped location fields, and survives a null location", () => {
    expect([drGender("female"), drGender("F"), drGender("other"), drGender(null)]).toEqual([
      2,
      2,
      undefined,
      undefined,
    ]);
    // Older profiles carry `fields` as a one-element list, which the HrFlow type does not allow.
    const listed = profileToApplication(
      {
        info: {
          first_name: "A",
          last_name: "B",
          email: "a@b.c",
          gender: null,
          location: { text: "Nantes", fields: [{ postcode: "44000", state_district: "Loire-Atlantique" }] },
        },
      } as unknown as HrFlowProfile,
      at,
    );
    expect(listed.ApplicationProfile).toEqual({
      firstName: "A",
      lastName: "B",
      email: "a@b.c",
      addressStreet: "Nantes",
      addressZip: "44000",
      addressCity: "Loire-Atlantique",
    });
    const bare = profileToApplication(
      { info: { first_name: "A", last_name: "B", email: "a@b.c", location: null } },
      at,
    );
    expect(bare.resume_url).toBeNull();
    expect(bare.s_o).toBe("");
  });

  it("yields an application DR's schema refuses when the profile has no email", () => {
    const out = profileToApplication({ info: { full_name: "No Mail" } }, at);
    expect(DigitalRecruitersApplicationSchema.safeParse(out).success).toBe(false);
  });
});

describe("helpers", () => {
  it("tagValue keeps text, stringifies numbers and booleans, drops empties", () => {
    expect([tagValue("a"), tagValue(3), tagValue(false), tagValue(""), tagValue(null)]).toEqual([
      "a",
      "3",
      "false",
      null,
      null,
    ]);
  });

  it("toTimestamp keeps zoned values and reads naive ones as UTC", () => {
    expect(toTimestamp("2024-01-02T03:04:05+02:00")).toBe("2024-01-02T03:04:05+02:00");
    expect(toTimestamp("2024-01-02 03:04:05")).toBe("2024-01-02T03:04:05Z");
    expect(toTimestamp("2024-01-02")).toBe("2024-01-02");
    expect(toTimestamp("not a date")).toBeNull();
  });
});

describe("parsePushProfileEvent", () => {
  it("takes source_key and profile_key from the body, nothing else", () => {
    expect(
      parsePushProfileEvent({
        source_key: "s1",
        profile_key: "p1",
        job_reference: "X",
        environment_url: "https://evil",
      }),
    ).toEqual({ source_key: "s1", profile_key: "p1" });
    expect(parsePushProfileEvent('{"profile_key":" p2 "}')).toEqual({ profile_key: "p2" });
    expect(parsePushProfileEvent({ source_key: "", other: 1 })).toEqual({});
    expect(() => parsePushProfileEvent([1])).toThrow(/JSON object/);
  });
});

describe("issue 13 fixes", () => {
  it("reads the candidate's address from the nested location DR sends (bug 1), or from the top level", () => {
    const nested = {
      id: 5013,
      createdAt: "2024-02-11T10:15:00+01:00",
      firstName: "Zoé",
      lastName: "Lefèvre",
      location: {
        street: "14 quai Saint-Antoine",
        zip: "69002",
        city: "Lyon",
        county: "Rhône",
        state: "Auvergne-Rhône-Alpes",
        country: "France",
        latitude: 45.7622,
        longitude: 4.8311,
      },
    };
    const tagOf = (item: ReturnType<typeof formatDrProfile>) =>
      item.tags.find((t) => t.name === "digitalrecruiters_profile-location")?.value;
    expect(tagOf(formatDrProfile(nested))).toBe("14 quai Saint-Antoine, Lyon, (69002), France");
    // The original's Location has no street: city, zip and country alone still make a location.
    const { street: _street, ...noStreet } = nested.location;
    expect(tagOf(formatDrProfile({ ...nested, location: noStreet }))).toBe("Lyon, (69002), France");
    expect(tagOf(formatDrProfile(application))).toBe("3 avenue Foch, Lyon, (69006), France");
    expect(tagOf(formatDrProfile({ ...nested, location: {} }))).toBeUndefined();
  });

  it("keeps words whole across inline markup and separates blocks (bug 5)", () => {
    const job = formatJob({
      title: "Chargé·e de clientèle",
      reference: "REF-0077",
      description:
        "<p>Agence de Lyon 8<sup>e</sup>, pr&egrave;s du m&eacute;tro.</p><p><b><i>Poste urgent</i></b>&hellip; <span>CDI</span> &ndash; 35&nbsp;h</p>",
      profile: "<p>Bac+2 <strong>minimum</strong></p>",
    });
    expect(job.sections).toEqual([
      {
        name: "description",
        title: "description",
        description: "Agence de Lyon 8e, près du métro.\nPoste urgent… CDI – 35 h",
      },
      { name: "profile", title: "profile", description: "Bac+2 minimum" },
    ]);
  });

  it("tags a hierarchy level once when DR lists it under entity and at the top level (bug 6)", () => {
    const levels = [
      { depth: 1, column_name: "Société", public_name: "Acme France" },
      { depth: 2, column_name: "Site", public_name: "Lyon" },
    ];
    const job = formatJob({
      title: "Comptable",
      reference: "REF-0078",
      entity: { hierarchy: levels },
      hierarchy: [...levels, { depth: 3, column_name: "Service", public_name: "Finance" }],
    });
    expect(job.tags).toEqual([
      { name: "hierarchy_1", value: "Société:Acme France" },
      { name: "hierarchy_2", value: "Site:Lyon" },
      { name: "hierarchy_3", value: "Service:Finance" },
    ]);
  });
});
