import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(pkgDir, "../..");

describe("the CLI's bin", () => {
  it("points at a committed file, so npm links it at install time (before any build)", () => {
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    const target = pkg.bin["hrflow-connectors"] as string;
    expect(target.startsWith("dist/")).toBe(false);
    expect(existsSync(join(pkgDir, target))).toBe(true);
    const tracked = execFileSync("git", ["ls-files", "--", target], { cwd: pkgDir, encoding: "utf8" });
    expect(tracked.trim()).toBe(`${target}`);
    expect(pkg.files).toContain(target.split("/")[0]);
  });

  it("is never run with an unscoped npx in docs, examples or messages", () => {
    // An unscoped npx of the bin name asks the registry for a package name anyone may register.
    const files = execFileSync("git", ["ls-files", "*.md", "*.ts", "*.mts", "*.mjs", "*.js"], {
      cwd: repo,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => f && !f.includes("/generated/"));
    const unscoped = /npx\s+(?:--yes\s+|-y\s+)?hrflow-connectors(?![-/\w])/;
    const offenders = files.filter((f) => unscoped.test(readFileSync(join(repo, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
