#!/usr/bin/env node
import { main } from "./main.js";

const code = await main(process.argv.slice(2));
// Lingering keep-alive sockets must not delay a cron job: flush both streams, then exit.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
