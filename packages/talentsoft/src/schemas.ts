import { z } from "zod";

/**
 * Parameter sets of the TalentSoft warehouses. Field names, order, defaults and descriptions are
 * the documented ones (docs render rows in declaration order and must match the original's).
 */

// The tenant URL becomes the base of every call, credentials included: anything but an http(s)
// URL is refused before a request could go somewhere unexpected.
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/i;
const url = (description: string) =>
  z
    .string()
    .regex(HTTP_URL, "must be an http(s) URL such as https://customer.talent-soft.com")
    .describe(description);

/** The credentials of one office; each office documents them in its own words. */
const credentials = (text: { id: string; secret: string; url: string }) => ({
  client_id: z.string().min(1).describe(text.id),
  client_secret: z.string().min(1).describe(text.secret).meta({ secret: true }),
  client_url: url(text.url),
});

const backOfficeAuth = () =>
  credentials({
    id: "Client ID used to access TalentSoft API",
    secret: "Client Secret used to access TalentSoft API",
    url: "URL of TalentSoft client integration",
  });

const optionalText = (description: string) => z.string().nullable().default(null).describe(description);

/**
 * The credentials of a TalentSoft tenant's API client: the auth of the flow-style warehouse and of
 * its aisles. Reads use them against the back office (exports), the application write against the
 * front office; each older-style action documents them in its office's own words.
 */
export const talentSoftAuthSchema = z.object(backOfficeAuth());
export type TalentSoftAuth = z.output<typeof talentSoftAuthSchema>;
/** The credentials every TalentSoft call needs. */
export type TalentSoftCredentials = TalentSoftAuth;

// ---- The aisles' parameters, one set per operation (the credentials are the aisle's auth).

/** Parameters of the candidates export read (the profiles aisle, every mode). */
export const profilesExportParametersSchema = z.object({
  filter: optionalText(
    "Filter to apply when reading profiles. See documentation at https://developers.cegid.com/api-details#api=cegid-talentsoft-recruiting-matchingindexation&operation=api-exports-v1-candidates-get . Examples : By id Single Item 'id::_TS-00001'; By id Multiple Items 'id::_TS-00001,_TS-00002'; By email 'email::john.doe@company.corp'; By updateDate updated before the 10th of June 2019 'updateDate:lt:2019-06-10'; By chronoNumber greater than 108921  'chronoNumber:gt:108921'",
  ),
  fileId: optionalText(
    "If provided only the attachment matching with fileId is left in 'attachments'. If not found all attachments are left.",
  ),
  only_resume: z.boolean().default(false).describe("If enabled only resume attachments are returned"),
});
export type ProfilesExportParameters = z.output<typeof profilesExportParametersSchema>;

/** Parameters of the vacancies export read (the jobs aisle, every mode). */
export const jobsExportParametersSchema = z.object({
  q: optionalText("Query search to get vacancies"),
  filter: optionalText(
    "Filter to apply when reading vacancies. See documentation at https://developers.cegid.com/api-details#api=cegid-talentsoft-recruiting-matchingindexation&operation=api-exports-v1-vacancies-get . . You can filter by **chronoNumber**, **updateDate**, **reference** **vacancyStatus**, **clientVacancyStatus**, **publicationMedia**  **publishedOnTheMedia**. Examples : By reference Single Item 'reference::2019-01'; By reference Multiple Items 'reference::2019-01,2019-02,2019-03';  By updateDate updated before the 10th of June 2019 'updateDate:lt:2019-06-10'; By chronoNumber greater than 108921  'chronoNumber:gt:108921' .",
  ),
  max_read: z
    .number()
    .int()
    .positive()
    .default(100)
    .describe(
      "The maximum number of jobs to pull during the execution. Proper tuning of this parameter should allow to control the execution time and avoid overtimes",
    ),
});
export type JobsExportParameters = z.output<typeof jobsExportParametersSchema>;

/** Parameters of the application write (the profiles aisle, create mode): the front-office API. */
export const applicationParametersSchema = z.object({
  job_reference: z
    .string()
    .min(1)
    .nullable()
    .default(null)
    .describe("reference of the job offer to which the candidate is applying"),
});
export type ApplicationParameters = z.output<typeof applicationParametersSchema>;

// ---- The older style's parameter sets: credentials first, then the aisle's parameters.

/** Origin parameters of the TalentSoft Profiles read (the candidates export). */
export const profilesReadParametersSchema = z.object({
  ...talentSoftAuthSchema.shape,
  ...profilesExportParametersSchema.shape,
});
export type ProfilesReadParameters = z.output<typeof profilesReadParametersSchema>;

/** Origin parameters of the TalentSoft Jobs read (the vacancies export). */
export const jobsReadParametersSchema = z.object({
  ...talentSoftAuthSchema.shape,
  ...jobsExportParametersSchema.shape,
});
export type JobsReadParameters = z.output<typeof jobsReadParametersSchema>;

/** Target parameters of the TalentSoft Profiles write (seed 002): the front-office API. */
export const profilesWriteParametersSchema = z.object({
  ...credentials({
    id: "client id used to access TalentSoft front office API",
    secret: "client secret used to access TalentSoft front office API",
    url: "url used to access TalentSoft front office API",
  }),
  ...applicationParametersSchema.shape,
});
export type ProfilesWriteParameters = z.output<typeof profilesWriteParametersSchema>;
