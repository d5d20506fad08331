import { z } from "zod";

/** A JSON Schema object as zod emits it; docgen only reads it. */
export type JsonSchema = { [key: string]: unknown };

/** The metadata key docgen adds for a field whose default is a function (e.g. the connector's format). */
export const DEFAULT_FUNCTION_KEY = "defaultFunction";

type Def = { type: string; innerType?: z.ZodType; defaultValue?: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The name of the function a field defaults to, or undefined when its default is not a function. */
export function defaultFunctionOf(field: z.ZodType): { name: string; inner: z.ZodType } | undefined {
  const def = defOf(field);
  if (def.type !== "default" || !def.innerType) return undefined;
  const value = def.defaultValue;
  if (typeof value !== "function") return undefined;
  return { name: value.name || "anonymous", inner: def.innerType };
}

/**
 * zod cannot serialize a function default (it crashes), so such fields become optional copies that
 * keep their metadata and record the function's name under `defaultFunction`.
 */
function withoutFunctionDefaults(schema: z.ZodObject<any>): z.ZodObject<any> {
  let changed = false;
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const fn = defaultFunctionOf(field);
    if (!fn) {
      shape[key] = field;
      continue;
    }
    changed = true;
    const meta = { ...(z.globalRegistry.get(field) ?? {}), [DEFAULT_FUNCTION_KEY]: fn.name };
    shape[key] = fn.inner.optional().meta(meta);
  }
  return changed ? z.object(shape) : schema;
}

/** The input-side JSON Schema of a zod schema; unrepresentable parts (functions, dates) become `{}`. */
export function toJsonSchema(schema: z.ZodType, where: string): JsonSchema {
  const prepared = schema instanceof z.ZodObject ? withoutFunctionDefaults(schema) : schema;
  try {
    const json = z.toJSONSchema(prepared, { io: "input", unrepresentable: "any" }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`Cannot render the JSON Schema of ${where}: ${reason}`);
  }
}

/** The properties of an object JSON Schema, in declaration order. */
export function propertiesOf(json: JsonSchema): [string, JsonSchema][] {
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props);
}

/** The names an object JSON Schema requires. */
export function requiredOf(json: JsonSchema): Set<string> {
  return new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
}
