// The longest functions in a source tree (default packages/core/src), longest first, with their
// line counts: the figure CONTRIBUTING quotes ("longest function in core"). A function's lines
// include its nested functions, as a reader meets them.
// Usage: node scripts/longest-functions.mjs [dir] [count]
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(fileURLToPath(import.meta.url), "../..");

/** Every .ts source file under `d`, tests, declarations and generated code left out. */
function sources(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const path = join(d, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "generated" ? [] : sources(path);
    return /\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The name a reader would search for: declared, assigned, or the property it is the value of. */
function nameOf(node) {
  if (node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText();
  return "(anonymous)";
}

/** Every function with a body under `dir` (relative to the repository), longest first. */
export function longestFunctions(dir = "packages/core/src") {
  const found = [];
  for (const file of sources(resolve(root, dir))) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && "body" in node && node.body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        found.push({
          lines: end - start + 1,
          name: nameOf(node),
          at: `${relative(root, file)}:${start + 1}`,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[3] ?? 10);
  for (const f of longestFunctions(process.argv[2]).slice(0, count)) {
    console.log(`${String(f.lines).padStart(5)}  ${f.name}  ${f.at}`);
  }
}
