import { mergeConfig } from "vitest/config";
import { packageProject } from "../../vitest.shared.ts";

export default mergeConfig(packageProject("bullmq"), {
  // One real Redis for the whole project, started (and installed when missing) by scripts/redis.mjs.
  // Its files share that Redis and flush it, so they run one at a time (after the other projects).
  test: { globalSetup: ["test/global-setup.ts"], maxWorkers: 1 },
});
