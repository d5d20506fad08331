import { describe, expect, it } from "vitest";
import { environmentRoot, sameSite } from "../src/index.js";

describe("environmentRoot", () => {
  it("drops trailing slashes and a trailing /public/v1", () => {
    expect(environmentRoot("https://api.digitalrecruiters.com/")).toBe("https://api.digitalrecruiters.com");
    expect(environmentRoot("https://api.digitalrecruiters.com/public/v1/")).toBe(
      "https://api.digitalrecruiters.com",
    );
    expect(environmentRoot("https://acme.example/dr")).toBe("https://acme.example/dr");
  });
});

describe("sameSite", () => {
  it("lets the session token go to the API's own site only", () => {
    const base = "https://api.digitalrecruiters.com";
    expect(sameSite("https://api.digitalrecruiters.com/files/1.pdf", base)).toBe(true);
    expect(sameSite("https://app.digitalrecruiters.com/files/1.pdf", base)).toBe(true);
    expect(sameSite("https://storage.example.com/1.pdf", base)).toBe(false);
    expect(sameSite("https://a.co.uk/x", "https://b.co.uk")).toBe(false);
    expect(sameSite("http://127.0.0.2/x", "http://127.0.0.1")).toBe(false);
    expect(sameSite("http://127.0.0.1:4001/x", "http://127.0.0.1:4000")).toBe(false);
    expect(sameSite("http://api.digitalrecruiters.com/x", "https://api.digitalrecruiters.com")).toBe(false);
  });
});
