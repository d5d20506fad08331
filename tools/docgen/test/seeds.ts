import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type ParsedDoc, type ParsedRow, parseDoc, seedTarget } from "./parse-doc.js";

/** The repository root (this file is tools/docgen/test/seeds.ts). */
export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../../..");
/** The committed contract: each seed's title, sections, parameter tables and target action, as JSON. */
export const fixtureDir = resolve(fileURLToPath(import.meta.url), "../fixtures/seeds");
/**
 * The original seed documents. Only the project's own workspace has them beside the clone; a user's
 * clone does not, so they are read only to check that the committed fixture still matches them.
 */
export const seedsDir = resolve(repoRoot, "../shared/seeds");
export const seedsPresent = existsSync(seedsDir);

/** One seed action's contract: what docgen must render for it, without the original's example code. */
export interface SeedContract {
  source: string;
  title: string;
  headings: string[];
  target: { exportName: string; action: string };
  tables: { heading: string; rows: ParsedRow[] }[];
}

/** A parsed seed document reduced to its contract (the Python example only names the action it calls). */
export function toContract(source: string, doc: ParsedDoc): SeedContract {
  return {
    source,
    title: doc.title,
    headings: doc.headings,
    target: seedTarget(doc),
    tables: [...doc.tables.entries()].map(([heading, rows]) => ({ heading, rows })),
  };
}

/** The committed contracts by seed file name (`NNN_*.txt`); throws when the fixture holds none. */
export function loadSeedFixture(): Map<string, SeedContract> {
  const files = readdirSync(fixtureDir)
    .filter((f) => /^\d{3}_.*\.json$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`The seed fixture ${fixtureDir} holds no NNN_*.json file`);
  return new Map(
    files.map((f) => {
      const contract = JSON.parse(readFileSync(resolve(fixtureDir, f), "utf8")) as SeedContract;
      return [contract.source, contract];
    }),
  );
}

/** The original seed documents, as contracts, by file name. */
export function loadOriginalSeeds(): Map<string, SeedContract> {
  const files = readdirSync(seedsDir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort();
  return new Map(files.map((f) => [f, toContract(f, parseDoc(readFileSync(resolve(seedsDir, f), "utf8")))]));
}

const LINK = /^\[`[A-Za-z_$][\w$]*`\]\([^)]+\)$/;
const FORMAT_LINK = /^\[`[A-Za-z_$][\w$]*`\]\(\.\.\/src\/format\.ts\)$/;

/**
 * What must match a seed row: name, required marker, default and description. The Type column is
 * written in TypeScript/JSON Schema terms by design; the legacy `format` default only has to be a link
 * to the connector's default format function (the seeds link to Python source lines).
 */
function comparable(row: ParsedRow, ours: boolean) {
  const isFormatLink = row.field === "format" && (ours ? FORMAT_LINK : LINK).test(row.default);
  return {
    field: row.field,
    required: row.required,
    default: isFormatLink ? "<link to the default format function>" : row.default,
    description: row.description,
  };
}

/** Asserts that each table of `ours` has exactly the rows of the seed's table at the same position. */
export function expectSameRows(ours: ParsedDoc, seed: SeedContract, label: string): void {
  const oursTables = [...ours.tables.values()];
  expect(oursTables.length, `${label}: number of parameter tables`).toBe(seed.tables.length);
  seed.tables.forEach(({ heading, rows }, i) => {
    expect(
      oursTables[i]!.map((r) => comparable(r, true)),
      `${label}: rows of "${heading}"`,
    ).toEqual(rows.map((r) => comparable(r, false)));
  });
}
