import { randomUUID } from "node:crypto";
import { FakeHttpError } from "@hrflow-connectors/core/testing";
import type { LeverOpportunity, LeverPosting, LeverResume } from "../objects.js";

/** An opportunity created through the API, with what the request carried. */
export interface CreatedOpportunity {
  query: Record<string, string>;
  body: Record<string, unknown>;
  opportunity: LeverOpportunity;
}

/** Lever's list `offset` is opaque; the fake hides an index in it and refuses anything else. */
const encodeOffset = (index: number) => Buffer.from(`lever:${index}`).toString("base64url");
function decodeOffset(offset: string | null): number {
  if (offset === null) return 0;
  const m = /^lever:(\d+)$/.exec(Buffer.from(offset, "base64url").toString("utf8"));
  if (!m) throw new FakeHttpError(400, "Invalid offset");
  return Number(m[1]);
}

/** One page of a list, Lever-style: `{data, hasNext, next?}`. */
export function page<T>(items: T[], query: URLSearchParams): { data: T[]; hasNext: boolean; next?: string } {
  const raw = query.get("limit");
  const limit = raw === null ? 100 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new FakeHttpError(400, "limit must be an integer between 1 and 100");
  }
  const start = decodeOffset(query.get("offset"));
  const data = items.slice(start, start + limit);
  const hasNext = start + limit < items.length;
  return hasNext ? { data, hasNext, next: encodeOffset(start + limit) } : { data, hasNext };
}

const BOOLEAN = new Set(["true", "false"]);

/** The fake's data: postings, opportunities with their resumes, users, and what was created. */
export class FakeLeverStore {
  readonly postings: LeverPosting[] = [];
  readonly opportunities: LeverOpportunity[] = [];
  readonly resumes = new Map<string, LeverResume[]>();
  readonly created: CreatedOpportunity[] = [];
  readonly users = new Set<string>(["u-recruiter", "u-manager"]);

  /** Opportunities filtered as Lever does: `updated_at_start`, `created_at_start` (epoch ms), `email` (exact). */
  listOpportunities(query: URLSearchParams): LeverOpportunity[] {
    const since = (key: string) => {
      const raw = query.get(key);
      if (raw === null) return null;
      const n = Number(raw);
      if (!Number.isInteger(n)) throw new FakeHttpError(400, `${key} must be epoch milliseconds`);
      return n;
    };
    const updated = since("updated_at_start");
    const created = since("created_at_start");
    const email = query.get("email");
    if (updated === null && created === null && email === null) return this.opportunities;
    return this.opportunities.filter(
      (o) =>
        (updated === null || (o.updatedAt ?? 0) >= updated) &&
        (created === null || (o.createdAt ?? 0) >= created) &&
        (email === null || (o.emails ?? []).includes(email)),
    );
  }

  resumesOf(id: string): LeverResume[] {
    const list = this.resumes.get(id);
    if (!list) throw new FakeHttpError(404, `Opportunity ${id} was not found`);
    return list;
  }

  /** Validates and stores a create-opportunity request the way Lever checks it. */
  createOpportunity(query: URLSearchParams, body: unknown): LeverOpportunity {
    const performAs = query.get("perform_as");
    if (!performAs) throw new FakeHttpError(400, "Missing required query parameter perform_as");
    if (!this.users.has(performAs))
      throw new FakeHttpError(400, `perform_as ${performAs} is not a Lever user`);
    for (const flag of ["parse", "perform_as_posting_owner"]) {
      const v = query.get(flag);
      if (v !== null && !BOOLEAN.has(v))
        throw new FakeHttpError(400, `${flag} must be true or false, got ${v}`);
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new FakeHttpError(400, "The body must be a JSON object");
    }
    const b = body as Record<string, unknown>;
    if (b.emails !== undefined && !isStringArray(b.emails)) {
      throw new FakeHttpError(400, "emails must be an array of strings");
    }
    if (
      b.phones !== undefined &&
      !(Array.isArray(b.phones) && b.phones.every((p) => p && typeof p.value === "string"))
    ) {
      throw new FakeHttpError(400, "phones must be objects with a string value");
    }
    for (const key of ["links", "tags"]) {
      if (b[key] !== undefined && !isStringArray(b[key]))
        throw new FakeHttpError(400, `${key} must be strings`);
    }
    if (b.createdAt !== undefined && !Number.isInteger(b.createdAt)) {
      throw new FakeHttpError(400, "createdAt must be epoch milliseconds");
    }
    const now = Date.now();
    const opportunity: LeverOpportunity = {
      ...(b as Partial<LeverOpportunity>),
      id: randomUUID(),
      contact: randomUUID(),
      owner: query.get("perform_as_posting_owner") === "true" ? "u-manager" : performAs,
      createdAt: typeof b.createdAt === "number" ? b.createdAt : now,
      updatedAt: now,
    };
    this.opportunities.push(opportunity);
    this.resumes.set(opportunity.id, []);
    this.created.push({ query: Object.fromEntries(query), body: b, opportunity });
    return opportunity;
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}
