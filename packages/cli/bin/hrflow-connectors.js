#!/usr/bin/env node
// The CLI's entry as npm links it. This file is committed (not built) so that `npm ci` in a fresh
// clone links the `hrflow-connectors` bin: npm skips a bin whose target is missing at install time,
// and an unlinked bin name makes `npx` ask the registry for an unscoped package anyone could own.
try {
  await import("../dist/bin.js");
} catch (err) {
  if (err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/bin.js")) {
    process.stderr.write(
      "@hrflow-connectors/cli is not built yet: run `npm run build` at the repository's root first.\n",
    );
    process.exit(1);
  }
  throw err;
}
