import { packageProject } from "../../vitest.shared.ts";

// The shared project: timeouts, the scratch data folder and the workers every package runs with.
export default packageProject("recruitee");
