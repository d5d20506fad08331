// How bench/sync.mjs prints its measurements: a padded text table, or (`--markdown`) the rows of
// bench/README.md's tables, so that final figures are pasted, never retyped.

/**
 * The share of the window's ceiling used: the least time the window allows for the requests made
 * to the limited side (the first window's worth is free, each later one costs perMs / requests),
 * over the time they took: the whole run (`run`), or from that side's first request to its last (`reads`).
 */
export function ceilingShare(r, over) {
  // The side whose ceiling is set: the vendor's, else HrFlow's.
  const [limit, made, first, last] = r.limit
    ? [r.limit, r.vendorWindowed ?? r.vendor, r.firstVendorAt, r.lastVendorAt]
    : [r.hrflowLimit, r.hrflow, r.firstHrflowAt, r.lastHrflowAt];
  if (!limit || made <= limit.requests) return null;
  const fastest = ((made - limit.requests) * limit.perMs) / limit.requests;
  return fastest / (over === "run" ? r.seconds * 1000 : last - first);
}
const percent = (x) => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
const perItem = (n, r) => (n / r.items).toFixed(3);

const TEXT = [
  ["connector", 17, (r) => r.connector],
  ["action", 36, (r) => r.action],
  ["items", 7, (r) => r.items],
  ["status", 22, (r) => r.status],
  ["written", 8, (r) => r.written],
  ["seconds", 8, (r) => r.seconds.toFixed(2)],
  ["items/s", 8, (r) => Math.round(r.items / r.seconds)],
  ["vendor req/item", 16, (r) => perItem(r.vendor, r)],
  ["hrflow req/item", 16, (r) => perItem(r.hrflow, r)],
  ["429s", 5, (r) => r.vendor429 + r.hrflow429],
  ["peak RSS MB", 12, (r) => r.maxRssMB.toFixed(1)],
  ["ceiling/run", 12, (r) => percent(ceilingShare(r, "run"))],
  ["ceiling/reads", 14, (r) => percent(ceilingShare(r, "reads"))],
];
const count = (n) => n.toLocaleString("en-US");
const MARKDOWN = [
  ["connector", (r) => r.connector],
  // A write row's N is a number of runs; a row that did not fully succeed says so in bold.
  [
    "action",
    (r) =>
      `${r.action}${r.direction === "write" ? ` (${count(r.items)} runs)` : ""}${r.status === "success" ? "" : ` **${r.status}**`}`,
  ],
  ["items", (r) => count(r.items), "right"],
  ["seconds", (r) => r.seconds.toFixed(1), "right"],
  ["items/s", (r) => Math.round(r.items / r.seconds), "right"],
  ["vendor req/item", (r) => perItem(r.vendor, r), "right"],
  ["hrflow req/item", (r) => perItem(r.hrflow, r), "right"],
  ["429s", (r) => r.vendor429 + r.hrflow429, "right"],
  ["peak RSS MB", (r) => Math.round(r.maxRssMB), "right"],
  ["ceiling/run", (r) => percent(ceilingShare(r, "run")), "right"],
];

/** The table's header line(s). */
export function header(markdown) {
  if (!markdown) return TEXT.map(([h, n]) => String(h).padStart(n)).join(" ");
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return `${line(MARKDOWN.map(([h]) => h))}\n${line(MARKDOWN.map(([, , a]) => (a ? "---:" : "---")))}`;
}

/** One measurement as a table row. */
export function row(r, markdown) {
  if (!markdown) return TEXT.map(([, n, f]) => String(f(r)).padStart(n)).join(" ");
  return `| ${MARKDOWN.map(([, f]) => f(r)).join(" | ")} |`;
}
