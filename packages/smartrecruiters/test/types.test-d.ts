// Type tests, checked by `tsc` (the typecheck target, which `npm test` runs).
import type { ActionOptions } from "@hrflow-connectors/core";
import { expectTypeOf } from "vitest";
import {
  formatCandidateArchive,
  formatJobArchive,
  type SmartRecruiters,
  type SmartRecruitersListedCandidate,
  type SmartRecruitersListedJob,
} from "../src/index.js";

// An archive reads the lists only: its formats receive listed items, which carry no details.
expectTypeOf(formatJobArchive).parameter(0).toEqualTypeOf<SmartRecruitersListedJob>();
expectTypeOf(formatCandidateArchive).parameter(0).toEqualTypeOf<SmartRecruitersListedCandidate>();
// @ts-expect-error a job's ad is in its details, not in the list an archive reads
export const adInArchive = (j: SmartRecruitersListedJob) => j.jobAd;
// @ts-expect-error education is in a candidate's details, not in the list an archive reads
export const educationInArchive = (c: SmartRecruitersListedCandidate) => c.education;
type ArchiveJobs = ActionOptions<typeof SmartRecruiters.archiveJobsInHrflow>;
// @ts-expect-error an archive's custom format receives the listed job, which has no ad
export const adInArchiveFormat: ArchiveJobs["format"] = (j) => j.jobAd;
type CreateJobs = ActionOptions<typeof SmartRecruiters.createJobsInHrflow>;
export const adInCreateFormat: CreateJobs["format"] = (j) => j.jobAd;
