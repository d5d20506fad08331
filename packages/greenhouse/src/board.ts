import { type ClientContext, jsonListItems } from "@hrflow-connectors/core/http";
import type { GreenhouseBoardJob } from "./objects.js";
import { greenhouseBoards } from "./vendor.js";

/** The override key of the public Job Board API (`baseUrls.greenhouse_boards`). */
export const GREENHOUSE_BOARDS_VENDOR = greenhouseBoards.key;

/**
 * Every published post of a public job board with its content (`GET /boards/{token}/jobs?content=true`):
 * one call answers the whole board, no credentials. The answer is streamed and each post parsed
 * alone as it arrives, so a board of thousands of posts (tens of MB) is never held whole.
 */
export async function* boardJobs(ctx: ClientContext, boardToken: string): AsyncGenerator<GreenhouseBoardJob> {
  const api = greenhouseBoards.client({ ...ctx, auth: { board_token: boardToken } });
  const { data } = await api.GET("/boards/{board_token}/jobs", {
    params: { path: { board_token: boardToken }, query: { content: true } },
    parseAs: "stream",
  });
  const where = `Greenhouse job board ${boardToken}`;
  if (!data) throw new Error(`${where} answered without a jobs array`);
  yield* jsonListItems<GreenhouseBoardJob>(data, { key: "jobs", where });
}
