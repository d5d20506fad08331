import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type ParsedDoc, type ParsedRow, parseDoc } from "./parse-doc.js";

/** The repository root (this file is tools/docgen/test/seeds.ts). */
export const repoRoot = resolve(fileURLToPath(import.meta.url), "../../../..");
/** CI clones the repo beside shared/, so the seeds are read relative to the clone. */
export const seedsDir = resolve(repoRoot, "../shared/seeds");
/** Set to 1 only where the seeds are knowingly unavailable; the comparison is then skipped, visibly. */
export const noSeeds = process.env.HRFLOW_CONNECTORS_NO_SEEDS === "1";

/** The seed docs by file name; throws when the folder is missing or holds none. */
export function loadSeeds(): Map<string, ParsedDoc> {
  if (!existsSync(seedsDir)) {
    throw new Error(
      `The seeds folder ${seedsDir} is missing, so the seed comparison cannot run. ` +
        "Put shared/ beside the clone, or set HRFLOW_CONNECTORS_NO_SEEDS=1 to skip it on purpose.",
    );
  }
  const files = readdirSync(seedsDir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`The seeds folder ${seedsDir} holds no NNN_*.txt seed`);
  return new Map(files.map((f) => [f, parseDoc(readFileSync(resolve(seedsDir, f), "utf8"))]));
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
export function expectSameRows(ours: ParsedDoc, seed: ParsedDoc, label: string): void {
  const oursTables = [...ours.tables.values()];
  const seedTables = [...seed.tables.entries()];
  expect(oursTables.length, `${label}: number of parameter tables`).toBe(seedTables.length);
  seedTables.forEach(([heading, rows], i) => {
    expect(
      oursTables[i]!.map((r) => comparable(r, true)),
      `${label}: rows of "${heading}"`,
    ).toEqual(rows.map((r) => comparable(r, false)));
  });
}
