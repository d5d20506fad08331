import { packageProject } from "../../vitest.shared.ts";

export default packageProject("nx-plugin");
