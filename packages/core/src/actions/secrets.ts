import { z } from "zod";
import type { ParamSchema } from "../contracts/context.js";

/** Secret field names declared with `.meta({ secret: true })` on a schema. */
export function secretFieldsOf(schema: ParamSchema): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => z.globalRegistry.get(field)?.secret === true)
    .map(([key]) => key);
}
