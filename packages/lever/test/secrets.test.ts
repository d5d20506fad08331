import type { RunResult } from "@hrflow-connectors/core";
import { afterEach, describe, expect, it } from "vitest";
import { LEVER_REDIRECT_URI, Lever, LeverClient } from "../src/index.js";
import { type Fakes, runtime, startFakes, type TestRuntime } from "./harness.js";

let fakes: Fakes;
afterEach(() => fakes?.close());

/** Everything a run leaves behind for people to read: log lines, the result, dead-letter entries. */
function outputs(rt: TestRuntime, result: RunResult): string[] {
  return [
    ...rt.logs.map((r) => JSON.stringify(r)),
    JSON.stringify(result),
    ...rt.deadLetter.entries.map((e) => JSON.stringify(e)),
  ];
}

function expectNoSecret(lines: string[], secrets: string[]) {
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    const leaks = lines.filter((line) => line.includes(secret));
    expect(leaks, `secret ${secret.slice(0, 6)}… leaked`).toEqual([]);
  }
}

/** A `pull_profile_list` run into a fresh source. */
function pullProfiles(
  f: Fakes,
  workflowId: string,
  credentials: ReturnType<Fakes["lever"]["credentials"]>,
  rt: TestRuntime,
) {
  return Lever.pullProfileList(
    {
      workflow_id: workflowId,
      origin_parameters: credentials,
      target_parameters: { ...f.hrflow.auth, source_key: f.hrflow.addSource(), only_edit_fields: null },
    },
    rt,
  );
}

/** The app's secret, its code and every token the fake issued. */
const leverSecrets = (f: Fakes, credentials: { client_secret: string; authorization_code: string }) => [
  credentials.client_secret,
  credentials.authorization_code,
  ...f.lever.issuedTokens,
];

describe("secrets never reach logs, errors or results", () => {
  // This fake repeats the secrets it receives in its error messages, as a careless vendor might.
  const careless = { postings: 3, opportunities: 3, echoSecrets: true };

  it("when the client secret is refused", async () => {
    fakes = await startFakes(careless);
    const board = fakes.hrflow.addBoard();
    const credentials = { ...fakes.lever.credentials(), client_secret: "wrong-secret-4f9a1c" };
    const rt = runtime(fakes);
    const res = await Lever.pullJobList(
      {
        workflow_id: "leak-1",
        origin_parameters: credentials,
        target_parameters: { ...fakes.hrflow.auth, board_key: board },
      },
      rt,
    );
    expect(res.status).toBe("fatal");
    const lines = outputs(rt, res);
    // The failure is logged, with the echoed secret masked.
    expect(lines.some((l) => l.includes("HTTP 401") && l.includes("client_secret: ***"))).toBe(true);
    expectNoSecret(lines, ["wrong-secret-4f9a1c", credentials.authorization_code]);
  });

  it("when a used authorization code is refused", async () => {
    fakes = await startFakes(careless);
    const credentials = fakes.lever.credentials();
    // Spend the code outside the connector, as a second consumer of the same redirect would.
    await fetch(`${fakes.lever.baseUrls.lever_auth}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: credentials.client_id,
        client_secret: credentials.client_secret,
        grant_type: "authorization_code",
        code: credentials.authorization_code,
        redirect_uri: LEVER_REDIRECT_URI,
      }),
    });
    const rt = runtime(fakes);
    const res = await pullProfiles(fakes, "leak-2", credentials, rt);
    expect(res.status).toBe("fatal");
    const lines = outputs(rt, res);
    expect(lines.some((l) => l.includes("invalid_grant") && l.includes("code: ***"))).toBe(true);
    expectNoSecret(lines, leverSecrets(fakes, credentials));
  });

  it("when the API refuses every token, fresh and refreshed, on reads and on writes", async () => {
    fakes = await startFakes(careless);
    const source = fakes.hrflow.addSource();
    const { key } = fakes.hrflow.addProfile(source, { reference: "r1", info: { full_name: "Ada Lovelace" } });
    const credentials = fakes.lever.credentials();
    fakes.lever.rejectTokens(true);
    const rtRead = runtime(fakes);
    const read = await pullProfiles(fakes, "leak-3", credentials, rtRead);
    const rtWrite = runtime(fakes);
    const write = await Lever.pushProfile(
      {
        workflow_id: "leak-4",
        origin_parameters: { ...fakes.hrflow.auth, source_key: source, profile_key: key },
        target_parameters: { ...credentials, perform_as: "u-recruiter" },
      },
      rtWrite,
    );
    expect([read.status, write.status]).toEqual(["fatal", "fatal"]);
    expect(write.events.write_failure).toBe(1);
    const lines = [...outputs(rtRead, read), ...outputs(rtWrite, write)];
    // Lever's answer did carry a token: it reached the logs masked.
    expect(lines.some((l) => l.includes("HTTP 401") && l.includes("received Bearer ***"))).toBe(true);
    expect(fakes.lever.issuedTokens.length).toBeGreaterThanOrEqual(4);
    expectNoSecret(lines, leverSecrets(fakes, credentials));
  });

  it("in the client's own errors, outside any run", async () => {
    fakes = await startFakes(careless);
    const credentials = { ...fakes.lever.credentials(), authorization_code: "code_from_another_app" };
    const client = new LeverClient({ baseUrls: fakes.lever.baseUrls }, credentials);
    const err = (await client
      .postings(10)
      .next()
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toContain("(code: ***)");
    expectNoSecret([err.message, String(err.stack)], ["code_from_another_app", credentials.client_secret]);
  });
});
