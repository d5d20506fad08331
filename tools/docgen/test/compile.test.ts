import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { actionDoc } from "../src/action-doc.js";
import { type ConnectorPackage, discoverConnectors } from "../src/discover.js";
import { workflowTemplate } from "../src/templates.js";
import { parseDoc } from "./parse-doc.js";
import { repoRoot } from "./seeds.js";
import { acmePackage } from "./tree.js";

// Every example and workflow template is compiled against the real connector types, in memory: a doc
// whose example no longer compiles fails here, not in a user's editor.

const here = resolve(fileURLToPath(import.meta.url), "..");
const virtualDir = resolve(here, "__virtual__");
const fixturePath = resolve(here, "fixtures/connector.ts");

/** One TypeScript file per example and template of every action of `packages`. */
function sources(packages: readonly ConnectorPackage[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const pkg of packages) {
    const target = { importFrom: pkg.packageName, exportName: pkg.exportName };
    for (const action of Object.values(pkg.connector.actions)) {
      const base = resolve(virtualDir, pkg.exportName, action.name);
      files.set(`${base}.example.ts`, parseDoc(actionDoc(pkg, action)).example);
      for (const trigger of action.triggers) {
        files.set(`${base}.${trigger}.ts`, workflowTemplate(target, action, trigger));
      }
    }
  }
  return files;
}

function compile(files: Map<string, string>): string[] {
  const base = ts.readConfigFile(resolve(repoRoot, "tsconfig.base.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, repoRoot);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    // The fixture stands in for a published connector package.
    paths: { "@hrflow-connectors/acme": [fixturePath] },
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f);
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = files.get(f);
    return text !== undefined
      ? ts.createSourceFile(f, text, lang, true)
      : getSourceFile.call(host, f, lang, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.has(d.file.fileName))
    .map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(virtualDir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

// Each case builds a TypeScript program over the connectors: seconds, more on a busy machine.
describe("examples and workflow templates compile", { timeout: 120_000 }, () => {
  it("for the fixture connector", () => {
    expect(compile(sources([acmePackage]))).toEqual([]);
  }, 60_000);

  it("for every connector package in the repo", async () => {
    const packages = await discoverConnectors(repoRoot);
    const files = sources(packages);
    expect(compile(files)).toEqual([]);
  }, 120_000);

  it("reports a broken example (the check can fail)", () => {
    const files = new Map([
      [
        resolve(virtualDir, "broken.ts"),
        'import { Acme } from "@hrflow-connectors/acme";\nAcme.noSuchAction({});\n',
      ],
    ]);
    expect(compile(files).join("\n")).toMatch(/noSuchAction/);
  }, 60_000);
});
