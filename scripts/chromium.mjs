#!/usr/bin/env node
// Debian's chromium for the browser tests (never a downloaded browser): finds it, installs the
// `chromium` package with apt when missing and running as root, or says why it cannot.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The flags the tests start chromium with: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Returns chromium's path, or { missing: reason } when it is absent and cannot be installed. */
export function ensureChromium({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((f) => f && executable(f));
  if (found) return { path: found };
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (!root || !executable("/usr/bin/apt-get")) {
    return {
      missing:
        "chromium is not installed (Debian: sudo apt-get install -y chromium) and this user cannot install it",
    };
  }
  log("chromium not found: installing Debian's chromium package (apt-get)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
    const res = spawnSync("apt-get", args, { env, encoding: "utf8" });
    if (res.status !== 0)
      return { missing: `apt-get ${args.join(" ")} failed: ${(res.stderr || "").trim().slice(-300)}` };
  }
  const installed = CANDIDATES.find(executable);
  return installed ? { path: installed } : { missing: "apt-get installed chromium but no binary was found" };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const res = ensureChromium();
  if (res.path) console.log(res.path);
  else {
    console.error(res.missing);
    process.exit(1);
  }
}
