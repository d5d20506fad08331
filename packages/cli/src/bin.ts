#!/usr/bin/env node
import { relaunchWithFlags } from "./v8-flags.js";

// Under the CLI's V8 settings, the work happens in a child started with them (see v8-flags.ts).
const relaunched = relaunchWithFlags();
const code = relaunched ? await relaunched : await (await import("./main.js")).main(process.argv.slice(2));
// Lingering keep-alive sockets must not delay a cron job: flush both streams, then exit.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
