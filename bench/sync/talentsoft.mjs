// TalentSoft's rows of the sync benchmark: the applicant reads, pull_profile_list, pull_job_list and
// push_profile. Listed in connectors.mjs's BENCHES.
import { legacyJobs, legacyProfiles, legacyPush, pair, storedProfile } from "./shared.mjs";

const testing = () => import("@hrflow-connectors/talentsoft/testing");
/** Cegid publishes no limit for TalentSoft; the client's own pace is 10 requests per second. */
const TS = { vendorLimit: null, pace: { requests: 10, perMs: 1000 } };
const start = async (options, limit) =>
  pair(await (await testing()).startFakeTalentSoft({ ...options, rateLimit: limit }), {});

/** A profile read into a source; applicant_update edits the tags of profiles the source holds. */
const profiles = (action) =>
  legacyProfiles("talentsoft", action, {
    ...TS,
    start: (n, limit) => start({ candidates: n }, limit),
    origin: (v) => v.backOffice,
    seed: (p, source) => {
      if (action !== "applicant_update") return;
      for (const c of p.vendor.candidates)
        p.hrflow.addProfile(source, storedProfile(String(c.detail.candidateDetail.id), { tags: [] }));
    },
  });

/** Every TalentSoft action, in the connector's declared order. */
export const TALENTSOFT_BENCHES = [
  ...["applicant_new", "applicant_resume_update", "applicant_update", "pull_profile_list"].map(profiles),
  legacyJobs("talentsoft", {
    ...TS,
    start: (n, limit) => start({ vacancies: n }, limit),
    origin: (v, n) => ({ ...v.backOffice, max_read: n }),
  }),
  // Each profile with a resume on the fake's storage, which the push downloads and sends.
  legacyPush("talentsoft", {
    ...TS,
    async start(_n, limit) {
      const p = await start({}, limit);
      const { fakePdf } = await testing();
      p.vendor.pdf = fakePdf;
      return p;
    },
    extra: (v, i) => ({
      attachments: [
        {
          type: "resume",
          public_url: v.addFile(`cv-${i}.pdf`, v.pdf(`Ada ${i}`)),
          original_file_name: `cv-${i}.pdf`,
        },
      ],
    }),
    target: (v) => ({ ...v.frontOffice, job_reference: "2024-0007" }),
  }),
];
