#!/usr/bin/env node
import { writeConnector } from "./generate.js";

// `npm run new-connector -- <name>` from the repo root: the same files as the nx generator.
const name = process.argv[2];
if (!name) {
  console.error("usage: new-connector <name>   (lower-case letters and digits, e.g. acme)");
  process.exit(2);
}
try {
  const dir = await writeConnector(process.cwd(), name);
  console.log(`created ${dir}; next: npm install, npm test, npm run docs (see CONTRIBUTING.md)`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
