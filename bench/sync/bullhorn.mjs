// Bullhorn's rows of the sync benchmark: job orders and candidates into HrFlow, and push_profile.
// Listed in connectors.mjs's BENCHES.
import { bench, pair, pushProfile } from "./connectors.mjs";

const fake = async (o) => (await import("@hrflow-connectors/bullhorn/testing")).startFakeBullhorn(o);
// Bullhorn publishes no request rate (only "on 429 wait a second"): the fake enforces none.
const BH = { vendor: "bullhorn", vendorLimit: null, urls: (v) => ({ bullhorn: v.baseUrl }) };

/** Bullhorn job orders or candidates (rows and resume each) into an empty board or source. */
const into = (entity) =>
  bench("bullhorn", `create_${entity}s_in_hrflow`, {
    ...BH,
    async start(n) {
      const v = await fake(entity === "job" ? { jobs: n } : { candidates: n });
      const p = await pair(v, BH.urls(v));
      const push =
        entity === "job"
          ? { board_key: p.hrflow.addBoard() }
          : { source_key: p.hrflow.addSource(undefined, { sync_parsing: true }) };
      const pull = {
        created_date: "2024-01-01T00:00:00Z",
        ...(entity === "profile" ? { parse_resume: true } : {}),
      };
      return {
        ...p,
        options: {
          workflow_id: `bench-bullhorn-${entity}`,
          connector_auth: v.auth,
          hrflow_auth: p.hrflow.auth,
          pull_parameters: pull,
          push_parameters: push,
        },
      };
    },
  });

export const BULLHORN_BENCHES = [
  into("job"),
  into("profile"),
  pushProfile("bullhorn", { ...BH, fake: () => fake({}), target: (v) => v.auth }),
];
