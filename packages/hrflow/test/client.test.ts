import { NetworkError } from "@hrflow-connectors/core";
import { describe, expect, it } from "vitest";
import { createHrFlowClient, HrFlowError, isNotFound } from "../src/index.js";
import { useFakeHrFlow } from "./harness.js";

const fake = await useFakeHrFlow();

const settings = () => ({
  baseUrls: { hrflow: fake.baseUrl },
  http: { retry: { retries: 4, baseDelayMs: 1, maxDelayMs: 100 }, timeoutMs: 500 },
});
const client = () => createHrFlowClient(fake.auth, settings());

describe("HrFlow client against the fake", () => {
  it("sends X-API-KEY and X-USER-EMAIL; wrong credentials are a 401 error naming no secret", async () => {
    const board = fake.addBoard();
    expect((await client().getBoard(board)).key).toBe(board);
    const bad = createHrFlowClient(
      { api_secret: "wrong-secret-value", api_user: fake.userEmail },
      settings(),
    );
    const err = await bad.getBoard(board).catch((e) => e);
    expect(err).toBeInstanceOf(HrFlowError);
    expect(err.status).toBe(401);
    expect(err.message).not.toContain("wrong-secret-value");
  });

  it("answers null for an unknown job or profile, and throws for an unknown board", async () => {
    const board = fake.addBoard();
    expect(await client().getJob(board, { reference: "nope" })).toBeNull();
    const err = await client()
      .getJob("no-such-board", { reference: "x" })
      .catch((e) => e);
    expect(isNotFound(err)).toBe(true);
    expect(err.apiMessage).toBe("Invalid parameters. Unable to find object: board");
  });

  it("pages through every job without asking past the last page", async () => {
    const board = fake.addBoard();
    for (let i = 0; i < 65; i++) fake.addJob(board, { name: `Job ${i}`, reference: `r${i}` });
    const refs: string[] = [];
    for await (const job of client().listJobs(board, 30)) refs.push(String(job.reference));
    expect(refs).toHaveLength(65);
    expect(new Set(refs).size).toBe(65);
    expect(fake.requests.count({ method: "GET", route: "/jobs/searching" })).toBe(3);
    const { meta } = await client().searchJobs(board, 3, 30);
    expect(meta).toEqual({ page: 3, maxPage: 3, count: 5, total: 65 });
  });

  it("pages through profiles", async () => {
    const source = fake.addSource();
    for (let i = 0; i < 12; i++) fake.addProfile(source, { reference: `p${i}` });
    const seen: unknown[] = [];
    for await (const p of client().listProfiles(source, 5)) seen.push(p.reference);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}`));
    expect(fake.requests.count({ method: "GET", route: "/profiles/searching" })).toBe(3);
  });

  it("takes its rate limit from the run's http.rateLimits.hrflow when given", async () => {
    const board = fake.addBoard();
    const abort = new AbortController();
    const rateLimits = { hrflow: { requests: 1, perMs: 3_600_000 } };
    const strict = createHrFlowClient(fake.auth, {
      ...settings(),
      http: { ...settings().http, rateLimits },
      signal: abort.signal,
    });
    await strict.getBoard(board);
    const held = strict.getBoard(board).catch((e) => e);
    // Clients on the default limit go on meanwhile; the second strict call never leaves.
    for (let i = 0; i < 3; i++) await client().getBoard(board);
    expect(fake.requests.count({ route: "/board" })).toBe(4);
    abort.abort();
    expect(await held).toBeInstanceOf(Error);
    expect(fake.requests.count({ route: "/board" })).toBe(4);
  });

  it("rides out a 429 storm honouring Retry-After", async () => {
    const board = fake.addBoard();
    fake.fail({ method: "GET", route: "/board", status: 429, times: 3, retryAfterSeconds: 0 });
    expect((await client().getBoard(board)).key).toBe(board);
    expect(fake.requests.count({ method: "GET", route: "/board" })).toBe(4);
  });

  it("retries 500s and gives up after the configured retries", async () => {
    const board = fake.addBoard();
    fake.fail({ route: "/board", status: 500, times: 2 });
    expect((await client().getBoard(board)).key).toBe(board);
    fake.fail({ route: "/board", status: 500, times: 5 });
    const err = await client()
      .getBoard(board)
      .catch((e) => e);
    expect(err.status).toBe(500);
    expect(fake.requests.count({ method: "GET", route: "/board" })).toBe(3 + 5);
  });

  it("retries a malformed 2xx body like a cut one, and names the call when it stays malformed", async () => {
    const board = fake.addBoard();
    fake.fail({ route: "/board", malformed: true });
    expect((await client().getBoard(board)).key).toBe(board);
    expect(fake.requests.count({ method: "GET", route: "/board" })).toBe(2);
    fake.fail({ route: "/board", malformed: true, times: 5 });
    const err = await client()
      .getBoard(board)
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain("malformed JSON");
    expect(err.message).toMatch(/^hrflow GET http:\/\/127\.0\.0\.1:\d+\/v1\/board\?key=/);
  });

  it("names method and path in an HTTP error and keeps the envelope's message", async () => {
    const err = await client()
      .getBoard("no-such-board")
      .catch((e) => e);
    expect(err).toBeInstanceOf(HrFlowError);
    expect(err.method).toBe("GET");
    expect(err.message).toMatch(
      /^hrflow GET http:\/\/127\.0\.0\.1:\d+\/v1\/board\?key=no-such-board failed with HTTP 400/,
    );
    expect(err.apiMessage).toContain("Unable to find object");
  });

  it("times out a slow answer, then succeeds on retry", async () => {
    const board = fake.addBoard();
    fake.fail({ route: "/board", delayMs: 1_000 });
    expect((await client().getBoard(board)).key).toBe(board);
    expect(fake.requests.count({ method: "GET", route: "/board" })).toBe(2);
  });

  it("parses texts into deterministic entities", async () => {
    const [parsed] = await client().parseTexts([
      "We need Python and SQL, plus good communication in English.",
    ]);
    const found = parsed!.entities.map((e) => [parsed!.text.slice(e.start, e.end), e.label]);
    expect(found).toEqual([
      ["Python", "skill_hard"],
      ["SQL", "skill_hard"],
      ["communication", "skill_soft"],
      ["English", "language"],
    ]);
  });

  it("uploads a resume as multipart and gets the parsed profile from a sync source", async () => {
    const source = fake.addSource(undefined, { sync_parsing: true });
    const parsed = await client().parseProfileFile(source, {
      file: new TextEncoder().encode("Ada Lovelace\nada@example.com\nPython, leadership"),
      contentType: "text/plain",
      fileName: "ada.txt",
      reference: "ada",
      syncParsing: true,
    });
    expect(parsed?.reference).toBe("ada");
    expect((parsed as any).info.email).toBe("ada@example.com");
    expect((parsed as any).attachments[0].file_name).toBe("ada.txt");
  });
});
