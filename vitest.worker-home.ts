import { tmpdir } from "node:os";
import { join } from "node:path";

// Runs in each test worker before its test file: the shared config's scratch data directory is named
// after the main vitest process, which every worker shares; parallel files would then share leases and
// state files. The worker's own pid makes the folder per worker (a file's tests still share it).
process.env.HRFLOW_CONNECTORS_HOME = join(tmpdir(), `hrflow-connectors-tests-${process.pid}`);
