/** Deterministic, realistic TalentSoft records for the fake server and tests. */

const pad = (n: number) => String(n).padStart(4, "0");

const TITLES = [
  "Développeur Full Stack H/F",
  "Chargé de recrutement H/F",
  "Data Engineer",
  "Contrôleur de gestion H/F",
  "Technicien de maintenance",
  "Responsable paie H/F",
];
const CITIES = [
  { address: "12 rue de la Paix, 75002 Paris", latitude: 48.8686, longitude: 2.3314 },
  { address: "5 place Bellecour, 69002 Lyon", latitude: "45.7578", longitude: "4.8320" },
  { address: "1 quai de la Fosse, 44000 Nantes", latitude: 47.2116, longitude: -1.5612 },
];
const FIRST_NAMES = ["José", "Amélie", "Karim", "Léa", "Thomas", "Inès"];
const LAST_NAMES = ["Da Silva", "Lefèvre", "Benali", "Moreau", "Nguyen", "Garcia"];

const code = (id: string, label: string) => ({ id, label });

/** Bytes that open as a one-page PDF naming `label`; small enough to keep exports light. */
export function fakePdf(label: string): Uint8Array {
  const text = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${label}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, "utf8"));
}

/** The `offerDetail` of vacancy number `i` (1-based). */
export function makeVacancy(i: number, overrides: Record<string, unknown> = {}): Record<string, any> {
  const city = CITIES[i % CITIES.length]!;
  const day = String(1 + (i % 28)).padStart(2, "0");
  return {
    reference: `2024-${pad(i)}`,
    chronoNumber: 108_900 + i,
    creationDate: `2024-01-${day}T09:30:00`,
    modificationDate: `2024-03-${day}T10:${String(i % 60).padStart(2, "0")}:00`,
    organisation: code("ORG-FR-01", "Acme France"),
    status: code("_TS_VacancyStatus_Published", "Published"),
    publishedOnInternet: true,
    publishedOnIntranet: i % 2 === 0,
    location: { ...city },
    jobDescription: {
      title: TITLES[i % TITLES.length],
      description1: `<p>Rejoignez l'équipe ${i} pour construire nos outils.</p>`,
      description2: "Profil recherché : autonomie, rigueur, esprit d'équipe.",
      professionalCategory: code("_TS_ProfCat_Cadre", "Cadre"),
      country: code("FR", "France"),
      primaryProfile: code("_TS_Profile_IT", "Informatique"),
      contractType: code("_TS_CO_Contract_CDI", "CDI"),
      jobDescriptionCustomFields: {
        longText1: "Télétravail partiel possible.",
        longText2: null,
        longText3: "Tickets restaurant, mutuelle.",
      },
    },
    criteria: {
      skills: [code("SK-PY", "Python"), "SQL", { label: "Communication", type: "soft" }],
      experienceLevel: i % 3 === 0 ? null : code("_TS_niveau_exp_superieur_3ans", "More than 3 years"),
      educationLevel: code("_TS_etude_min_BAC5", "Master Degree"),
    },
    languages: [{ language: code("fr-FR", "French") }, { language: code("en-GB", "English") }],
    ...overrides,
  };
}

/** A candidate's attachment with its file bytes. */
export interface FakeAttachment {
  id: string;
  filename: string;
  mimeType: string;
  isResume: boolean;
  bytes: Uint8Array;
}

/** The `applicantdetail` of candidate number `i` (1-based), without attachment bytes. */
export function makeCandidate(i: number, overrides: Record<string, unknown> = {}): Record<string, any> {
  const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
  const last = LAST_NAMES[i % LAST_NAMES.length]!;
  const day = String(1 + (i % 28)).padStart(2, "0");
  const mailbox = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, "");
  return {
    isEmployee: i % 4 === 0,
    isInProgress: true,
    candidateDetail: {
      id: `_TS-${pad(i)}`,
      chronoNumber: 200_000 + i,
      creationDate: `2024-02-${day}T08:15:00`,
      updateDate: `2024-04-${day}T16:45:00`,
      personalInformation: {
        firstName: first,
        lastName: last,
        email: `${mailbox}@example.com`,
        residentCountry: code("FR", "France"),
      },
      positionSought: {
        contractType: code("_TS_CO_Contract_CDI", "CDI"),
        primaryProfile: code("_TS_Profile_IT", "Informatique"),
        jobPreferencesCustomFields: { customCodeTable1: i % 2 ? code("_TS_Status_Active", "Active") : null },
      },
      globalExperience: { globalExperienceLevel: code("_TS_niveau_exp_superieur_5ans", "More than 5 years") },
      educations: [{ educationLevel: code("_TS_etude_min_BAC5", "Master Degree") }, { educationLevel: null }],
    },
    applications: [{ vacancyReference: `2024-${pad(1 + (i % 3))}` }],
    ...overrides,
  };
}

/** The usual attachments of candidate `i`: a resume and a cover letter. */
export function makeAttachments(i: number): FakeAttachment[] {
  return [
    {
      id: `ATT-${pad(i)}-CV`,
      filename: `cv-${pad(i)}.pdf`,
      mimeType: "application/pdf",
      isResume: true,
      bytes: fakePdf(`resume of candidate ${i}`),
    },
    {
      id: `ATT-${pad(i)}-LM`,
      filename: `lettre-${pad(i)}.pdf`,
      mimeType: "application/pdf",
      isResume: false,
      bytes: fakePdf(`cover letter of candidate ${i}`),
    },
  ];
}
