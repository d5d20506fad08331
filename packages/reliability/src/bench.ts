/**
 * The Done-when figure of the reliability proof, at full size: every scenario with 2000 items
 * (or `--n`), 10% mixed faults on every fake (or `--rate`), seeded (`--seed`). Prints one line per
 * action and the totals, and writes them as JSON to `--out` when given. Exit 1 when any item was
 * lost, duplicated or miscounted.
 *
 *   npm run reliability -- [--n 2000] [--rate 0.1] [--seed 7] [--only workable] [--out figures.json]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { exercise, type Report, summary } from "./harness.js";
import { allScenarios } from "./scenarios/index.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    rate: { type: "string", default: "0.1" },
    seed: { type: "string", default: "7" },
    only: { type: "string" },
    out: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});
const n = Number(values.n);
const rate = Number(values.rate);
const seed = Number(values.seed);
const chosen = allScenarios.filter((s) => !values.only || `${s.connector} ${s.action}`.includes(values.only));

const reports: Omit<Report, "logs" | "deadLetters" | "results">[] = [];
for (const scenario of chosen) {
  const {
    logs: _logs,
    deadLetters: _dl,
    results: _r,
    ...report
  } = await exercise(scenario, { seed, rate }, n);
  reports.push(report);
  console.log(summary({ ...report, logs: [], deadLetters: [], results: [] }));
}
const sum = (f: (r: (typeof reports)[number]) => number) => reports.reduce((a, r) => a + f(r), 0);
const totals = {
  actions: reports.length,
  items: sum((r) => r.items),
  delivered: sum((r) => r.delivered),
  dead_lettered: sum((r) => r.deadLettered),
  unknown_outcome: sum((r) => r.unknown),
  unknown_that_landed: sum((r) => r.unknownLanded),
  lost: sum((r) => r.lost.length),
  duplicated: sum((r) => r.duplicated.length),
  contradicted: sum((r) => r.contradicted.length),
  counts_differ: reports.filter((r) => !r.countsMatch).length,
  requests: sum((r) => r.requests),
  faults: sum((r) => Object.values(r.faults).reduce((a, b) => a + b, 0)),
};
console.log(`\nTotals (n=${n} per action, rate=${rate}, seed=${seed}): ${JSON.stringify(totals)}`);
if (values.out) writeFileSync(values.out, `${JSON.stringify({ n, rate, seed, totals, reports }, null, 2)}\n`);
process.exitCode = totals.lost + totals.duplicated + totals.contradicted + totals.counts_differ > 0 ? 1 : 0;
