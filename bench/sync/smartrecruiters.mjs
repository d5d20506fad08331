// The SmartRecruiters rows of the sync benchmark (added to BENCHES in connectors.mjs). The shared
// helpers are passed in, so this file stays the only place that knows SmartRecruiters' options.
const srFake = async (o) =>
  (await import("@hrflow-connectors/smartrecruiters/testing")).startFakeSmartRecruiters(o);

/** SmartRecruiters' published limit per credential: 10 requests per second. */
const SR_LIMIT = { requests: 10, perMs: 1_000 };

/** Every SmartRecruiters action, built from connectors.mjs's `bench`, `pair` and `profilesToPush`. */
export function smartRecruitersBenches({ bench, pair, profilesToPush }) {
  const flow = (v, h, pull, push) => ({
    workflow_id: "bench-smartrecruiters",
    connector_auth: v.auth,
    hrflow_auth: h.auth,
    pull_parameters: pull,
    push_parameters: push,
  });
  const start = async (jobs, candidates, limit) => {
    const p = await pair(await srFake({ jobs, candidates, rateLimit: limit }), {});
    p.baseUrls.smartrecruiters = p.vendor.baseUrl;
    return p;
  };
  // Jobs into a board: empty for creates (a first sync), holding every job otherwise.
  const jobs = (mode) =>
    bench("smartrecruiters", `${mode}_jobs_in_hrflow`, {
      vendor: "smartrecruiters",
      vendorLimit: SR_LIMIT,
      async start(n, limit) {
        const p = await start(n, 0, limit);
        const board = p.hrflow.addBoard();
        if (mode !== "create")
          for (const j of p.vendor.jobs) p.hrflow.addJob(board, { reference: j.id, name: "old" });
        return { ...p, options: flow(p.vendor, p.hrflow, {}, { board_key: board }) };
      },
    });
  // Candidates (a detail call each) into a source: empty for creates, holding them otherwise.
  const candidates = (mode) =>
    bench("smartrecruiters", `${mode}_profiles_in_hrflow`, {
      vendor: "smartrecruiters",
      vendorLimit: SR_LIMIT,
      async start(n, limit) {
        const p = await start(0, n, limit);
        const source = p.hrflow.addSource();
        if (mode !== "create")
          for (const c of p.vendor.candidates)
            p.hrflow.addProfile(source, { reference: c.id, info: { full_name: "old" }, attachments: [] });
        return { ...p, options: flow(p.vendor, p.hrflow, {}, { source_key: source }) };
      },
    });
  // HrFlow profiles into SmartRecruiters, one run per profile.
  const push = (action) =>
    bench("smartrecruiters", action, {
      direction: "write",
      vendor: "smartrecruiters",
      vendorLimit: SR_LIMIT,
      async start(n, limit) {
        const existing =
          action === "update_profiles_in_smartrecruiters" || action === "archive_profiles_in_smartrecruiters";
        const p = await start(1, existing ? n : 0, limit);
        const ids = p.vendor.candidates.map((c) => c.id);
        const { source, keys } = profilesToPush(p.hrflow, n, (i) => (existing ? { reference: ids[i] } : {}));
        const runs = keys.map((key) =>
          action === "push_profile"
            ? {
                workflow_id: "bench-smartrecruiters-push",
                origin_parameters: { ...p.hrflow.auth, source_key: source, profile_key: key },
                target_parameters: { x_smart_token: p.vendor.token, job_id: p.vendor.jobs[0].id },
              }
            : flow(p.vendor, p.hrflow, { source_key: source, profile_key: key }, {}),
        );
        return { ...p, runs };
      },
    });
  const pullJobList = bench("smartrecruiters", "pull_job_list", {
    vendor: "smartrecruiters",
    vendorLimit: SR_LIMIT,
    async start(n, limit) {
      const p = await start(n, 0, limit);
      const board = p.hrflow.addBoard();
      return {
        ...p,
        options: {
          workflow_id: "bench-smartrecruiters-legacy",
          origin_parameters: { x_smart_token: p.vendor.token },
          target_parameters: { ...p.hrflow.auth, board_key: board, sync: false },
        },
      };
    },
  });
  return [
    jobs("create"),
    jobs("update"),
    jobs("archive"),
    candidates("create"),
    candidates("update"),
    candidates("archive"),
    push("create_profiles_in_smartrecruiters"),
    push("update_profiles_in_smartrecruiters"),
    push("archive_profiles_in_smartrecruiters"),
    pullJobList,
    push("push_profile"),
  ];
}
