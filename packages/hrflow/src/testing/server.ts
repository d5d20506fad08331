import {
  FakeHttpError,
  type FaultSpec,
  FixedWindow,
  type RequestLog,
  startFakeServer,
} from "@hrflow-connectors/core/testing";
import { type FakeState, route } from "./routes.js";
import { Collection, type Item, newKey } from "./store.js";

export interface FakeHrFlowOptions {
  apiKey?: string;
  userEmail?: string;
  /**
   * Requests allowed per fixed window (aligned on the clock), answered 429 beyond it; HrFlow.ai publishes no limit, so
   * none by default (the bench sets the client's own ceiling here to measure how close a run gets).
   */
  rateLimit?: { requests: number; perMs: number } | null;
}

/** A running in-memory HrFlow.ai API on 127.0.0.1. */
export interface FakeHrFlow {
  /** Ends with /v1; pass it as `baseUrls: { hrflow: fake.baseUrl }`. */
  baseUrl: string;
  apiKey: string;
  userEmail: string;
  /** Ready-made `hrflow_auth` / HrFlow auth parameters. */
  auth: { api_secret: string; api_user: string };
  /** Creates a board (random key when absent) and returns its key. */
  addBoard(key?: string, name?: string): string;
  /** Creates a source and returns its key; `sync_parsing` makes file parsing answer with the profile. */
  addSource(key?: string, options?: { sync_parsing?: boolean; name?: string }): string;
  /** Stores a job directly (no request logged); returns it with its key. */
  addJob(boardKey: string, job: Record<string, unknown>): Item;
  /** Stores a profile directly (no request logged); returns it with its key. */
  addProfile(sourceKey: string, profile: Record<string, unknown>): Item;
  /** Every job of a board, archived ones included (`archived_at` set). */
  jobs(boardKey: string): Item[];
  /** Every profile of a source, archived ones included. */
  profiles(sourceKey: string): Item[];
  /** Every request received (faults and auth failures included); routes are paths under /v1. */
  requests: RequestLog;
  /** Arms a fault for the next `times` matching requests; `route` is a path under /v1 (e.g. "/board"). */
  fail(spec: FaultSpec): void;
  /** Disarms every fault not yet used. */
  clearFaults(): void;
  close(): Promise<void>;
}

/** Starts the fake on a random port. */
export async function startFakeHrFlow(options: FakeHrFlowOptions = {}): Promise<FakeHrFlow> {
  const apiKey = options.apiKey ?? `ask_${newKey().slice(0, 24)}`;
  const userEmail = options.userEmail ?? "connectors@example.com";
  const state: FakeState = { boards: new Map(), sources: new Map() };
  const window = options.rateLimit
    ? new FixedWindow(options.rateLimit.requests, options.rateLimit.perMs)
    : null;
  const server = await startFakeServer({
    basePath: "/v1",
    errorBody: (code, message) => ({ code, message }),
    malformedBody: '{"code": 200, "message": "OK", "data": {',
    // Faults fire before this check, as an outage would answer before HrFlow looks at the keys.
    handle: async (req) => {
      if (window && !window.take().allowed) throw new FakeHttpError(429, "Too many requests");
      if (req.headers["x-api-key"] !== apiKey || req.headers["x-user-email"] !== userEmail) {
        throw new FakeHttpError(401, "Unauthorized. Invalid API key or user email");
      }
      const out = await route(req, state);
      const body: Record<string, unknown> = {
        code: out.status,
        message: out.message ?? "OK",
        data: out.data ?? null,
      };
      if (out.meta) body.meta = out.meta;
      return { status: out.status, body };
    },
  });

  const boardOf = (key: string) => {
    const b = state.boards.get(key);
    if (!b) throw new Error(`fake HrFlow: no board ${key}`);
    return b;
  };
  const sourceOf = (key: string) => {
    const s = state.sources.get(key);
    if (!s) throw new Error(`fake HrFlow: no source ${key}`);
    return s;
  };

  return {
    baseUrl: server.baseUrl,
    apiKey,
    userEmail,
    auth: { api_secret: apiKey, api_user: userEmail },
    addBoard(key = newKey(), name = "Board") {
      state.boards.set(key, { key, name, jobs: new Collection("job") });
      return key;
    },
    addSource(key = newKey(), opts = {}) {
      state.sources.set(key, {
        key,
        name: opts.name ?? "Source",
        sync_parsing: opts.sync_parsing ?? false,
        profiles: new Collection("profile"),
      });
      return key;
    },
    addJob: (boardKey, job) => boardOf(boardKey).jobs.insert(job),
    addProfile: (sourceKey, profile) => sourceOf(sourceKey).profiles.insert(profile),
    jobs: (boardKey) => boardOf(boardKey).jobs.all(),
    profiles: (sourceKey) => sourceOf(sourceKey).profiles.all(),
    requests: server.requests,
    fail: (spec) => server.fail(spec),
    clearFaults: () => server.faults.clear(),
    close: () => server.close(),
  };
}
