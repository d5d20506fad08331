#!/usr/bin/env node
// Prints the names the root entry of @hrflow-connectors/core exports, split into runtime
// values and type-only names, as TypeScript resolves them (so `export *` chains count too).
// Usage: node scripts/export-count.mjs [--json] [entry.ts]
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** Returns the sorted runtime and type-only export names of one TypeScript entry file. */
export function exportNames(entry) {
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    customConditions: ["@hrflow-connectors/source"],
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const runtime = [];
  const types = [];
  for (const symbol of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    // A type-only re-export (`export type { X }`) of a class is still a type at this entry.
    const typeOnly = symbol.declarations?.some((d) => ts.isTypeOnlyExportDeclaration?.(d) || d.isTypeOnly);
    if (target.flags & ts.SymbolFlags.Value && !typeOnly) runtime.push(symbol.name);
    else types.push(symbol.name);
  }
  return { runtime: runtime.sort(), types: types.sort() };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const entry =
    args.find((a) => !a.startsWith("--")) ??
    fileURLToPath(new URL("../packages/core/src/index.ts", import.meta.url));
  const { runtime, types } = exportNames(entry);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ total: runtime.length + types.length, runtime, types }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`runtime (${runtime.length}): ${runtime.join(", ")}\n\n`);
    process.stdout.write(`types (${types.length}): ${types.join(", ")}\n\n`);
    process.stdout.write(
      `total: ${runtime.length + types.length} (${runtime.length} runtime, ${types.length} types)\n`,
    );
  }
}
