#!/usr/bin/env node
import { applyNodeFlags } from "./v8-flags.js";

// Under the CLI's V8 settings: this very process is replaced by Node started with them (see v8-flags.ts).
applyNodeFlags();
const code = await (await import("./main.js")).main(process.argv.slice(2));
// Lingering keep-alive sockets must not delay a cron job: flush both streams, then exit.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
