import { describe, expect, it } from "vitest";
import { htmlToText, htmlToTextOrNull, jobText, toEpochMs, toIsoDate } from "../src/index.js";

describe("htmlToText", () => {
  it("decodes every named and numeric entity, not a short list", () => {
    expect(htmlToText("Lyon &ndash; Caf&eacute; &Eacute;t&eacute; &oelig;uvre &euro;&nbsp;5&hellip;")).toBe(
      "Lyon – Café Été œuvre € 5…",
    );
    expect(htmlToText("&#233;&#xE9; &lt;b&gt; &amp; &quot;q&quot; &apos;a&#39; &rsquo;&laquo;&raquo;")).toBe(
      "éé <b> & \"q\" 'a' ’«»",
    );
  });

  it("keeps inline markup inside words and puts blocks on their own lines", () => {
    expect(
      htmlToText(
        "<p>Lyon 8<sup>e</sup> arr.</p><p><b><i>Urgent</i></b>&hellip; <span>pour</span> <a href='https://x.io'>nous</a></p>",
      ),
    ).toBe("Lyon 8e arr.\nUrgent… pour nous");
    expect(htmlToText("<div>un<br>deux</div><h2>Trois</h2>quatre")).toBe("un\ndeux\nTrois\nquatre");
  });

  it("renders nested and ordered lists with prefixes and indentation", () => {
    expect(
      htmlToText(
        "<ul><li>TypeScript &amp; Node</li><li>Cloud<ul><li>AWS</li><li>GCP</li></ul></li></ul><ol><li>un</li><li>deux</li></ol>",
      ),
    ).toBe("- TypeScript & Node\n- Cloud\n  - AWS\n  - GCP\n1. un\n2. deux");
  });

  it("keeps CJK and accents, collapses spaces, drops empty blocks, and maps absent to empty or null", () => {
    expect(htmlToText("<p>日本語の  仕事</p><p> </p><p>\u00a0</p><p>Zoë</p>")).toBe("日本語の 仕事\nZoë");
    expect(htmlToText(null)).toBe("");
    expect(htmlToText(undefined)).toBe("");
    expect(htmlToTextOrNull("<p> </p>")).toBeNull();
    expect(htmlToTextOrNull("plain")).toBe("plain");
  });

  it("gives HrFlow's enrichment the summary and section descriptions as text, one part per line", () => {
    const job = {
      name: "x",
      summary: "<p>Dev&eacute;loppeur</p>",
      sections: [
        { name: "workable_description", title: "workable_description", description: "<ul><li>Go</li></ul>" },
      ],
    };
    expect(jobText(job)).toBe("Devéloppeur\n- Go");
  });
});

describe("toIsoDate", () => {
  it("keeps a zone given as Z or an offset, in the long form", () => {
    expect(toIsoDate("2024-06-03T09:54:56Z")).toBe("2024-06-03T09:54:56Z");
    expect(toIsoDate("2024-06-03T09:54:56.123+02:00")).toBe("2024-06-03T09:54:56.123+02:00");
    expect(toIsoDate("2024-06-03 09:54:56+0200")).toBe("2024-06-03T09:54:56+02:00");
    expect(toIsoDate("2024-06-03T09:54-05")).toBe("2024-06-03T09:54:00-05:00");
    expect(toIsoDate("2024-06-03t09:54:56z".toUpperCase())).toBe("2024-06-03T09:54:56Z");
  });

  it("reads a zone-less time as UTC and keeps dates as dates", () => {
    expect(toIsoDate("2024-06-03T09:54:56")).toBe("2024-06-03T09:54:56Z");
    expect(toIsoDate(" 2024-06-03 09:54 ")).toBe("2024-06-03T09:54:00Z");
    expect(toIsoDate("2024-06-03")).toBe("2024-06-03");
    expect(toIsoDate("2024-06")).toBe("2024-06-01");
    expect(toIsoDate("2024")).toBe("2024-01-01");
    expect(toIsoDate("20150708T115616Z")).toBe("2015-07-08T11:56:16Z");
  });

  it("reads epochs as numbers or numeric text: 12+ digits are milliseconds, fewer are seconds", () => {
    expect(toIsoDate(1717408496000)).toBe("2024-06-03T09:54:56.000Z");
    expect(toIsoDate("1717408496000")).toBe("2024-06-03T09:54:56.000Z");
    expect(toIsoDate(1717408496)).toBe("2024-06-03T09:54:56.000Z");
    expect(toIsoDate("1717408496")).toBe("2024-06-03T09:54:56.000Z");
    expect(toIsoDate("1717408496.5")).toBe("2024-06-03T09:54:56.500Z");
    // The unit can be forced: Lever always sends milliseconds, even for 1970.
    expect(toIsoDate(86_400_000, "ms")).toBe("1970-01-02T00:00:00.000Z");
    expect(toIsoDate(86_400, "s")).toBe("1970-01-02T00:00:00.000Z");
  });

  it("gives null for absent, empty, impossible or unknown values instead of throwing", () => {
    for (const v of [
      null,
      undefined,
      "",
      "  ",
      "2024-02-30",
      "2024-13-01",
      "2024-06-03T25:00:00Z",
      "soon",
      Number.NaN,
      true,
      {},
      "12345",
    ])
      expect(toIsoDate(v)).toBeNull();
  });

  it("returns a value already in HrFlow's form as it is, and still refuses impossible ones", () => {
    for (const v of [
      "2000-02-29",
      "2024-02-29T23:59:59Z",
      "2024-06-03T09:54:56.123456-05:30",
      "9999-12-31T00:00:00+14:00",
    ])
      expect(toIsoDate(v)).toBe(v);
    for (const v of [
      "2100-02-29",
      "1900-02-29",
      "2024-04-31",
      "2024-06-03T24:00:00Z",
      "2024-06-03T09:60:00Z",
      "2024-06-03T09:54:60Z",
      "2024-06-03T09:54:56.Z",
      "2024-06-03T09:54:56+02:00x",
    ])
      expect(toIsoDate(v)).toBeNull();
    // Years 0 to 99 are read as Date.UTC reads them (1900 + y), so they never come back as given.
    expect(toIsoDate("0050-01-01")).toBeNull();
    expect(toIsoDate("2024-06-03T09:54:56+0200")).toBe("2024-06-03T09:54:56+02:00");
  });

  it("reads an HTTP date as UTC", () => {
    expect(toIsoDate("Mon, 03 Jun 2024 09:54:56 GMT")).toBe("2024-06-03T09:54:56.000Z");
  });
});

describe("toEpochMs", () => {
  it("honours the offset, reads zone-less times and bare dates as UTC", () => {
    expect(toEpochMs("2024-06-03T11:54:56+02:00")).toBe(1717408496000);
    expect(toEpochMs("2024-06-03T09:54:56")).toBe(1717408496000);
    expect(toEpochMs("2024-06-03")).toBe(Date.UTC(2024, 5, 3));
    expect(toEpochMs("1717408496000")).toBe(1717408496000);
    expect(toEpochMs("nope")).toBeNull();
  });
});
