// Checked by tsc (the typecheck target): the action's options come from the zod schemas.
import type { ActionOptions } from "@hrflow-connectors/core";
import type { Recruitee } from "../src/index.js";

type Create = ActionOptions<typeof Recruitee.createJobsInHrflow>;
export const ok: Create = {
  workflow_id: "w",
  connector_auth: { company_id: "acme", api_token: "t" },
  hrflow_auth: { api_secret: "s", api_user: "u" },
  push_parameters: { board_key: "b" },
};
// @ts-expect-error board_key is misspelled
export const misspelled: Create = { ...ok, push_parameters: { boardkey: "b" } };
