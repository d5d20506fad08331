import { closeAll } from "@hrflow-connectors/core/testing";
import { startFakeHrFlow } from "@hrflow-connectors/hrflow/testing";
import { TalentSoft } from "@hrflow-connectors/talentsoft";
import { fakePdf, startFakeTalentSoft } from "@hrflow-connectors/talentsoft/testing";
import { type ActionFn, type Scenario, single, tally } from "../harness.js";
import { hrflowEndpoint, idFrom, liveJobs, liveProfiles, perProfile, profilesToPush } from "./common.js";

async function fakes(vacancies: number, candidates: number) {
  const ts = await startFakeTalentSoft({ vacancies, candidates });
  const hrflow = await startFakeHrFlow();
  return {
    ts,
    hrflow,
    endpoints: [
      { key: "talentsoft", baseUrl: ts.baseUrl, origin: new URL(ts.baseUrl).origin },
      hrflowEndpoint(hrflow),
    ],
    close: () => closeAll(ts, hrflow),
  };
}

const candidateIds = (f: Awaited<ReturnType<typeof fakes>>) =>
  f.ts.candidates.map((c) => String(c.detail.candidateDetail.id));

/** The vacancies export into an HrFlow board. */
const pullJobList: Scenario = {
  connector: "talentsoft",
  action: "pull_job_list",
  n: 150,
  async start(n) {
    const f = await fakes(n, 0);
    const board = f.hrflow.addBoard();
    return {
      endpoints: f.endpoints,
      ids: f.ts.vacancies.map((v) => String(v.reference)),
      ...single(TalentSoft.pullJobList, {
        workflow_id: "ts-jobs",
        action_parameters: {},
        origin_parameters: { ...f.ts.backOffice, max_read: 100_000 },
        target_parameters: { ...f.hrflow.auth, board_key: board, sync: false },
      }),
      held: () => liveJobs(f.hrflow, board),
      idOf: (e) => idFrom(e, "reference", "offerDetail.reference"),
      issued: () => f.ts.tokens.map((t) => t.value),
      close: f.close,
    };
  },
};

type Read = ActionFn;

/** A candidates-export action into an HrFlow source (parsed, or tags edited for `applicant_update`). */
function candidatesInto(action: string, call: Read, edit: boolean): Scenario {
  return {
    connector: "talentsoft",
    action,
    n: 150,
    async start(n) {
      const f = await fakes(0, n);
      const source = f.hrflow.addSource();
      const ids = candidateIds(f);
      // applicant_update edits the tags of profiles the source already holds.
      if (edit)
        for (const id of ids) f.hrflow.addProfile(source, { reference: id, tags: [], attachments: [] });
      return {
        endpoints: f.endpoints,
        ids,
        ...single(call, {
          workflow_id: `ts-${action}`,
          origin_parameters: { ...f.ts.backOffice },
          target_parameters: { ...f.hrflow.auth, source_key: source },
        }),
        held: () =>
          edit
            ? tally(
                f.hrflow
                  .profiles(source)
                  .filter((p) =>
                    (p.tags as { name: string }[]).some((t) => t.name === "talentsoft-isInProgress"),
                  )
                  .map((p) => String(p.reference)),
              )
            : liveProfiles(f.hrflow, source),
        idOf: (e) => idFrom(e, "reference", "candidateDetail.id"),
        issued: () => f.ts.tokens.map((t) => t.value),
        close: f.close,
      };
    },
  };
}

/**
 * HrFlow profiles sent to the front office as applications with their resume (one run each). The
 * front office offers no lookup, so an application whose answer was lost is dead-lettered with
 * outcome "unknown".
 */
const pushProfile: Scenario = {
  connector: "talentsoft",
  action: "push_profile",
  n: 100,
  async start(n) {
    const f = await fakes(0, 0);
    const { source, keys, emails } = profilesToPush(f.hrflow, n, (i) => {
      const resume = f.ts.addFile(`cv-${i}.pdf`, fakePdf(`Ada ${i}, engineer`));
      return { attachments: [{ type: "resume", public_url: resume, original_file_name: `cv-${i}.pdf` }] };
    });
    return {
      endpoints: f.endpoints,
      ids: emails,
      ...perProfile(keys, TalentSoft.pushProfile, (key) => ({
        workflow_id: "ts-push",
        origin_parameters: { ...f.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...f.ts.frontOffice, job_reference: "2024-0007" },
      })),
      held: () => tally(f.ts.applications.map((a) => a.body.applicant?.personalInformation?.email)),
      idOf: (e) => idFrom(e, "applicant.personalInformation.email", "info.email"),
      issued: () => f.ts.tokens.map((t) => t.value),
      close: f.close,
    };
  },
};

/** Every TalentSoft action that moves items. */
export const talentSoftScenarios: Scenario[] = [
  pullJobList,
  candidatesInto("pull_profile_list", TalentSoft.pullProfileList, false),
  candidatesInto("applicant_new", TalentSoft.applicantNew, false),
  candidatesInto("applicant_resume_update", TalentSoft.applicantResumeUpdate, false),
  candidatesInto("applicant_update", TalentSoft.applicantUpdate, true),
  pushProfile,
];
