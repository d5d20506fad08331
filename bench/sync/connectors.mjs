// Every row of the sync benchmark, connector by connector (each file says what is its own; the
// shapes they share are in shared.mjs). `node bench/sync.mjs --list` prints them and `--check`
// compares them with the actions the connector packages declare (discover.mjs).
import { BULLHORN_BENCHES } from "./bullhorn.mjs";
import { DIGITALRECRUITERS_BENCHES } from "./digitalrecruiters.mjs";
import { GREENHOUSE_BENCHES } from "./greenhouse.mjs";
import { LEVER_BENCHES } from "./lever.mjs";
import { RECRUITEE_BENCHES } from "./recruitee.mjs";
import { SMARTRECRUITERS_BENCHES } from "./smartrecruiters.mjs";
import { TALENTSOFT_BENCHES } from "./talentsoft.mjs";
import { TEAMTAILOR_BENCHES } from "./teamtailor.mjs";
import { WORKABLE_BENCHES } from "./workable.mjs";

export { enforceHrflowLimit, seedStoredProfiles } from "./shared.mjs";

/** Every row, Workable first (the default run), then the others alphabetically. */
export const BENCHES = [
  ...WORKABLE_BENCHES,
  ...BULLHORN_BENCHES,
  ...DIGITALRECRUITERS_BENCHES,
  ...GREENHOUSE_BENCHES,
  ...LEVER_BENCHES,
  ...RECRUITEE_BENCHES,
  ...SMARTRECRUITERS_BENCHES,
  ...TALENTSOFT_BENCHES,
  ...TEAMTAILOR_BENCHES,
];
