import { z } from "zod";
import { toEpochMs } from "./dates.js";

/** Bullhorn credentials of the flow-style actions (`connector_auth`). */
export const bullhornAuthSchema = z.object({
  client_id: z.string().min(1).describe("Client identifier for Bullhorn"),
  client_secret: z.string().min(1).describe("Client secret identifier for Bullhorn").meta({ secret: true }),
  password: z.string().min(1).describe("Password for Bullhorn login").meta({ secret: true }),
  username: z.string().min(1).describe("Username for Bullhorn login"),
});
export type BullhornAuth = z.output<typeof bullhornAuthSchema>;

/** Every job field the original asks for by default (it left out `dateLastModified`; it is always added). */
export const DEFAULT_JOB_FIELDS =
  "address,assignedUsers,businessSectors,categories,clientBillRate,clientContact,clientCorporation,costCenter,customInt1,customInt2,customText1,customText10,customText11,customText12,customText13,customText2,customText3,customText4,customText5,customText6,customText7,customText8,customText9,customTextBlock1,customTextBlock2,customTextBlock3,customTextBlock4,customTextBlock5,dateAdded,dateEnd,degreeList,description,publicDescription,durationWeeks,educationDegree,employmentType,feeArrangement,hoursOfOperation,hoursPerWeek,isOpen,isWorkFromHome,markUpPercentage,numOpenings,onSite,payRate,salary,salaryUnit,skills,skillList,source,specialties,startDate,status,title,id,type,willRelocate,owner";

/** The candidate fields asked for by default (the original's list: no `gender`, no `employeeType`). */
export const DEFAULT_PROFILE_FIELDS =
  "address,businessSectors,categories,certifications,comments,companyName,customText1,customText2,customText3,customText4,customText5,dateAdded,dateAvailable,dateLastModified,dateOfBirth,dayRate,description,desiredLocations,educationDegree,educations,email,email2,employmentPreference,experience,fax,firstName,hourlyRate,id,isDeleted,lastName,linkedPerson,middleName,mobile,name,namePrefix,nameSuffix,nickName,occupation,owner,phone,primarySkills,salary,salaryLow,secondaryOwners,secondarySkills,skillSet,source,specialties,status,submissions,travelLimit,type,willRelocate,workHistories,workPhone";

/**
 * A point in time: ISO 8601 (a zone-less value is taken as UTC, where the original sent it to
 * Bullhorn unconverted) or epoch milliseconds. Checked before any request.
 */
export function dateParameter(description: string) {
  return z
    .union([z.string(), z.number().int().nonnegative()])
    .refine((v) => toEpochMs(v) !== null, {
      message: "must be an ISO-8601 date or date-time (UTC unless it names a zone), or epoch milliseconds",
    })
    .describe(description);
}

const limit = z
  .number()
  .int()
  .positive()
  .nullish()
  .default(null)
  .describe("Number of items to pull, ignored if not provided.");

const fields = (value: string, what: string) =>
  z
    .string()
    .min(2)
    .default(value)
    .describe(
      `List of ${what} fields to be retrieved from Bullhorn (\`id\`, \`dateAdded\` and \`dateLastModified\` are always added)`,
    );

const query = (value: string, what: string) =>
  z
    .string()
    .min(1)
    .default(value)
    .describe(
      `This query will restrict the results retrieved from Bullhorn based on the specified conditions (${what})`,
    );

const createdDate = dateParameter("The creation date from which you want to pull jobs");
const modifiedDate = dateParameter("The modification date from which you want to pull jobs");
const profileCreatedDate = dateParameter("The creation date from which you want to pull profiles");
const profileModifiedDate = dateParameter("The modification date from which you want to pull profiles");

/** Pull parameters of `create_jobs_in_hrflow`. */
export const jobsCreateParametersSchema = z.object({
  limit,
  fields: fields(DEFAULT_JOB_FIELDS, "job"),
  query: query("isDeleted:0 AND isOpen:true", "Lucene"),
  created_date: createdDate,
});
/** Pull parameters of `update_jobs_in_hrflow`. */
export const jobsUpdateParametersSchema = z.object({
  limit,
  fields: fields(DEFAULT_JOB_FIELDS, "job"),
  query: query("isDeleted:0 AND isOpen:true", "Lucene"),
  last_modified_date: modifiedDate,
});
/**
 * Pull parameters of `archive_jobs_in_hrflow`. The original's default query selected OPEN jobs
 * (`isDeleted:0 AND isOpen:true`), so an archive run with defaults archived every open job changed
 * since the date; the default now selects closed or deleted jobs.
 */
export const jobsArchiveParametersSchema = z.object({
  limit,
  last_modified_date: modifiedDate,
  query: query("isDeleted:1 OR isOpen:false", "Lucene; default: closed or deleted jobs"),
  fields: fields("id", "job"),
});

const parseResume = z
  .boolean()
  .default(false)
  .describe("If True, resumes will be retrieved and parsed along with the profile data");

/** Pull parameters of `create_profiles_in_hrflow`. */
export const profilesCreateParametersSchema = z.object({
  limit,
  fields: fields(DEFAULT_PROFILE_FIELDS, "profile"),
  query: query("isDeleted:0", "Lucene"),
  created_date: profileCreatedDate,
  parse_resume: parseResume,
});
/** Pull parameters of `update_profiles_in_hrflow`. */
export const profilesUpdateParametersSchema = z.object({
  limit,
  fields: fields(DEFAULT_PROFILE_FIELDS, "profile"),
  query: query("isDeleted:0", "Lucene"),
  last_modified_date: profileModifiedDate,
  parse_resume: parseResume,
});
/** Pull parameters of `archive_profiles_in_hrflow`: deleted candidates changed since the date. */
export const profilesArchiveParametersSchema = z.object({
  limit,
  last_modified_date: profileModifiedDate,
  query: query("isDeleted:1", "Lucene"),
  fields: fields("id", "profile"),
});

/** Every read's parameters, as the aisles see them. */
export type ReadParameters = {
  limit?: number | null;
  fields: string;
  query: string;
  created_date?: string | number;
  last_modified_date?: string | number;
  parse_resume?: boolean;
};

/** Write parameters of the candidates aisle (push_profile): none besides the credentials. */
export const profilesWriteParametersSchema = z.object({});

/** Write parameters of the applications aisle (push_application). */
export const applicationsWriteParametersSchema = z.object({
  job_id: z
    .union([
      z.string().regex(/^\d+$/, "must be a Bullhorn job order id (digits)"),
      z.number().int().positive(),
    ])
    .describe("id for the job in Bullhorn"),
  candidate_id: z
    .union([
      z.string().regex(/^\d+$/, "must be a Bullhorn candidate id (digits)"),
      z.number().int().positive(),
    ])
    .nullish()
    .describe("id for the candidate in Bullhorn (when set, that candidate is updated and submitted)"),
  status_when_created: z.string().min(1).describe("The status of the application when created in Bullhorn"),
  source: z.string().nullish().describe("The source of the application to be created in Bullhorn"),
});
export type ApplicationsWriteParameters = z.output<typeof applicationsWriteParametersSchema>;
