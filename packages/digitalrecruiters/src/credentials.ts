import { z } from "zod";
import type { DigitalRecruitersAuth } from "./schemas.js";

/** The account token's credentials: the job-ad export and the apply endpoint. */
export const tokenCredentialsSchema = z.object({
  token: z.string().min(1),
  environment_url: z.string(),
});

/** The public v1 API's login: the job-applications read. */
export const publicApiCredentialsSchema = z.object({
  api_key: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  environment_url: z.string(),
});

/**
 * The credentials one operation uses, out of the aisles' auth (where each kind is optional because
 * the other operations do not need it): a missing field is an error naming it, before any request.
 */
export function credentialsFor<S extends z.ZodObject>(
  schema: S,
  auth: DigitalRecruitersAuth,
  operation: string,
): z.output<S> {
  const parsed = schema.safeParse(auth);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))];
  throw new Error(`DigitalRecruiters ${operation} needs ${fields.join(", ")} in its auth`);
}
