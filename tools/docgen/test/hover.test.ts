import { existsSync } from "node:fs";
import { join } from "node:path";
import { camelCase } from "@hrflow-connectors/core/contracts";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { discoverConnectors } from "../src/discover.js";
import { propertiesOf, toJsonSchema } from "../src/json-schema.js";
import { repoRoot } from "./seeds.js";

/**
 * What an editor shows on hover, read from a package's built declarations (`dist/index.d.ts`) with
 * the TypeScript checker, as a consumer's editor reads them from node_modules.
 */
function declarations(dts: string) {
  const program = ts.createProgram([dts], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(dts);
  if (!file) throw new Error(`Cannot read ${dts}`);
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(file)!);
  const doc = (symbol: ts.Symbol | undefined) =>
    symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)) : undefined;
  const typeOf = (symbol: ts.Symbol) => checker.getNonNullableType(checker.getTypeOfSymbol(symbol));
  return {
    /** The connector export's methods: each one's JSDoc, and a probe of its first parameter. */
    connector(name: string) {
      let symbol = exports.find((s) => s.name === name);
      if (!symbol) throw new Error(`${dts} exports no ${name}`);
      if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const type = typeOf(symbol);
      return {
        methodDoc: (method: string) => doc(type.getProperty(method)),
        /** The JSDoc of `options[key]`, or of `options[key][field]` (undefined: no such property). */
        optionDoc(method: string, key: string, field?: string) {
          const m = type.getProperty(method);
          if (!m) return undefined;
          const [signature] = checker.getSignaturesOfType(typeOf(m), ts.SignatureKind.Call);
          const options = signature?.parameters[0];
          if (!options) return undefined;
          const top = typeOf(options).getProperty(key);
          if (!top || field === undefined) return doc(top);
          return doc(typeOf(top).getProperty(field));
        },
      };
    },
  };
}

describe("hover docs in the published declarations", async () => {
  const packages = await discoverConnectors(repoRoot);

  it("finds the connector packages", () => {
    expect(packages.map((p) => p.exportName)).toEqual([
      "Bullhorn",
      "DigitalRecruiters",
      "Greenhouse",
      "Lever",
      "Recruitee",
      "SmartRecruiters",
      "TalentSoft",
      "Teamtailor",
      "Workable",
    ]);
  });

  for (const pkg of packages) {
    it(`${pkg.packageName}: every action and every described option carries its description`, {
      timeout: 180_000,
    }, () => {
      const dts = join(repoRoot, pkg.dir, "dist/index.d.ts");
      expect(existsSync(dts), `${dts} is missing: build the package first (npm test does)`).toBe(true);
      const connector = declarations(dts).connector(pkg.exportName);
      const missing: string[] = [];
      for (const action of Object.values(pkg.connector.actions)) {
        const method = camelCase(action.name);
        if (!connector.methodDoc(method)?.includes(action.description)) missing.push(`${method} (method)`);
        if (!connector.optionDoc(method, "workflow_id")) missing.push(`${method} workflow_id`);
        for (const set of action.parameterSets) {
          const json = toJsonSchema(set.schema, `${pkg.packageName} ${action.name} ${set.label}`);
          for (const [field, schema] of propertiesOf(json)) {
            if (typeof schema.description !== "string" || schema.description === "") continue;
            const shown = connector.optionDoc(method, set.label, field);
            if (!shown?.startsWith(schema.description.trim()))
              missing.push(`${method} ${set.label}.${field}`);
          }
        }
      }
      expect(missing, "options whose description an editor would not show").toEqual([]);
    });
  }

  it("reports a property without JSDoc as empty (the check can fail)", { timeout: 180_000 }, () => {
    const workable = packages.find((p) => p.exportName === "Workable")!;
    const connector = declarations(join(repoRoot, workable.dir, "dist/index.d.ts")).connector("Workable");
    // `name` is a connector member without JSDoc: it reads as empty.
    expect(connector.optionDoc("updateJobsInHrflow", "push_parameters", "board_key")).toBe(
      "HrFlow.ai board key.",
    );
    expect(connector.methodDoc("name")).toBe("");
    expect(connector.optionDoc("updateJobsInHrflow", "push_parameters", "no_such_key")).toBeUndefined();
  });
});
