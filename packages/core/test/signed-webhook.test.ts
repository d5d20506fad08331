import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacHexMatches } from "../src/actions/signed-webhook.js";

const body = '{"event":"candidate_created","id":"é1"}';
const sign = (secret: string, data: string | Uint8Array = body) =>
  createHmac("sha256", secret).update(data).digest("hex");

describe("hmacHexMatches", () => {
  it("accepts the HMAC of the raw bytes, in either case, and refuses everything else", () => {
    expect(hmacHexMatches(body, sign("s3cret"), "s3cret")).toBe(true);
    expect(hmacHexMatches(Buffer.from(body), sign("s3cret").toUpperCase(), "s3cret")).toBe(true);
    expect(hmacHexMatches(body, sign("other"), "s3cret")).toBe(false);
    expect(hmacHexMatches(`${body} `, sign("s3cret"), "s3cret")).toBe(false);
    expect(hmacHexMatches(body, sign("s3cret").slice(2), "s3cret")).toBe(false);
    expect(hmacHexMatches(body, `${sign("s3cret").slice(1)}z`, "s3cret")).toBe(false);
    expect(hmacHexMatches(body, "", "s3cret")).toBe(false);
    expect(hmacHexMatches(body, null, "s3cret")).toBe(false);
    expect(hmacHexMatches(body, sign(""), "")).toBe(false);
  });
});
