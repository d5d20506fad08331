import {
  type ClientContext,
  contextPolicy,
  createHttpClient,
  credentialKey,
  resolveBaseUrl,
} from "@hrflow-connectors/core";
import type { paths } from "./generated/greenhouse.js";
import type { GreenhouseBoardJob } from "./objects.js";

/** The override key of the public Job Board API (`baseUrls.greenhouse_boards`). */
export const GREENHOUSE_BOARDS_VENDOR = "greenhouse_boards";
/** The Job Board API publishes no limit (it is cached and public); a polite default. */
export const GREENHOUSE_BOARDS_RATE_LIMIT = { requests: 10, perMs: 1000 } as const;

/** The Job Board API base, honouring `baseUrls.greenhouse_boards`. */
export function greenhouseBoardsBaseUrl(ctx: ClientContext | undefined): string {
  return resolveBaseUrl(ctx, GREENHOUSE_BOARDS_VENDOR, "https://boards-api.greenhouse.io/v1");
}

/**
 * Every published post of a public job board with its content (`GET /boards/{token}/jobs?content=true`):
 * one call answers the whole board, no credentials.
 */
export async function* boardJobs(ctx: ClientContext, boardToken: string): AsyncGenerator<GreenhouseBoardJob> {
  const baseUrl = greenhouseBoardsBaseUrl(ctx);
  const api = createHttpClient<paths>({
    baseUrl,
    ...contextPolicy(
      ctx,
      GREENHOUSE_BOARDS_VENDOR,
      GREENHOUSE_BOARDS_RATE_LIMIT,
      credentialKey(baseUrl, boardToken),
    ),
  });
  const { data } = await api.GET("/boards/{board_token}/jobs", {
    params: { path: { board_token: boardToken }, query: { content: true } },
  });
  if (!data || !Array.isArray(data.jobs)) {
    throw new Error(`Greenhouse job board ${boardToken} answered without a jobs array`);
  }
  yield* data.jobs;
}
