/** A parameters row as read back from a rendered (or seed) action doc. */
export interface ParsedRow {
  field: string;
  required: boolean;
  type: string;
  default: string;
  description: string;
}

/** An action doc read back into its parts, to compare ours with the seeds. */
export interface ParsedDoc {
  title: string;
  headings: string[];
  tables: Map<string, ParsedRow[]>;
  /** The calls the example makes, e.g. `Workable.push_profile` or `Workable.pushProfile`. */
  example: string;
}

const ROW = /^\| `([^`]+)` (:red_circle:)? \| `(.*)` \| (.*) \|$/;

function parseRow(line: string): ParsedRow {
  const m = ROW.exec(line);
  if (!m) throw new Error(`Not a parameters row: ${line}`);
  // Default and description are split at the first unescaped " | " after the type cell.
  const rest = m[4]!;
  const cut = rest.search(/(?<!\\) \| /);
  if (cut < 0) throw new Error(`Cannot split default and description in: ${line}`);
  return {
    field: m[1]!,
    required: m[2] !== undefined,
    type: m[3]!,
    default: rest.slice(0, cut),
    description: rest.slice(cut + 3),
  };
}

/** Reads a doc's title, its `##` headings in order, and the rows of every parameters table. */
export function parseDoc(text: string): ParsedDoc {
  const lines = text.split("\n");
  const title = lines[0]?.replace(/^# /, "") ?? "";
  const headings: string[] = [];
  const tables = new Map<string, ParsedRow[]>();
  let current: ParsedRow[] | undefined;
  let inExample = false;
  const example: string[] = [];
  for (const line of lines) {
    if (line.startsWith("```")) {
      inExample = !inExample;
      continue;
    }
    if (inExample) {
      example.push(line);
      continue;
    }
    if (line.startsWith("## ")) {
      const heading = line.slice(3);
      headings.push(heading);
      current = heading === "Example" ? undefined : [];
      if (current) tables.set(heading, current);
      continue;
    }
    if (current && line.startsWith("| `")) current.push(parseRow(line));
  }
  return { title, headings, tables, example: example.join("\n") };
}

/** The connector export and action name a seed's Python example calls (e.g. `Workable`, `push_profile`). */
export function seedTarget(doc: ParsedDoc): { exportName: string; action: string } {
  const m = /^(\w+)\.(\w+)\($/m.exec(doc.example);
  if (!m) throw new Error(`No call found in the example of ${doc.title}`);
  return { exportName: m[1]!, action: m[2]! };
}
