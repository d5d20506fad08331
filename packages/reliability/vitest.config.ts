import { mergeConfig } from "vitest/config";
import { packageProject } from "../../vitest.shared.ts";

// Each fault scenario runs a whole action through faults and retries: more than the shared minute.
export default mergeConfig(packageProject("reliability"), { test: { testTimeout: 120_000 } });
