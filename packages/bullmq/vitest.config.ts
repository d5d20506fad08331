import { mergeConfig } from "vitest/config";
import { packageProject } from "../../vitest.shared.ts";

export default mergeConfig(packageProject("bullmq"), {
  // One real Redis for the whole project, started (and installed when missing) by scripts/redis.mjs.
  test: { globalSetup: ["test/global-setup.ts"] },
});
