import { randomBytes } from "node:crypto";
import { FakeHttpError } from "@hrflow-connectors/core/testing";
import type { DigitalRecruitersJobAd, DigitalRecruitersJobApplication } from "../objects.js";

/** An application received on the apply endpoint. */
export interface ReceivedApplication {
  /** 201 or 202, as answered. */
  status: number;
  body: Record<string, unknown>;
}

const SORTABLE = new Set(["id", "firstName", "lastName", "createdAt", "updatedAt"]);
const CONSENT_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const newToken = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/** The in-memory state of the fake: data, sessions and received applications. */
export class FakeDigitalRecruitersState {
  readonly jobAds: DigitalRecruitersJobAd[] = [];
  readonly applications: DigitalRecruitersJobApplication[] = [];
  readonly applied: ReceivedApplication[] = [];
  readonly cvs = new Map<string, Uint8Array>();
  readonly #sessions = new Set<string>();
  readonly #refreshTokens = new Set<string>();

  /** Opens a session: new access and refresh tokens. */
  openSession(): { token: string; refresh_token: string } {
    const token = newToken("dr_at");
    const refresh_token = newToken("dr_rt");
    this.#sessions.add(token);
    this.#refreshTokens.add(refresh_token);
    return { token, refresh_token };
  }

  /** Spends a refresh token (they rotate) for a new session. */
  refresh(refreshToken: unknown): { token: string; refresh_token: string } {
    if (typeof refreshToken !== "string" || !this.#refreshTokens.delete(refreshToken)) {
      throw new FakeHttpError(401, "Invalid refresh token");
    }
    return this.openSession();
  }

  /** Throws a 401 unless the Authorization header carries a live session token. */
  checkBearer(header: string | string[] | undefined): void {
    const token = typeof header === "string" ? /^Bearer (.+)$/i.exec(header)?.[1] : undefined;
    if (!token || !this.#sessions.has(token)) throw new FakeHttpError(401, "Invalid or expired token");
  }

  /** Every access token stops working (as when they expire). */
  expireSessions(): void {
    this.#sessions.clear();
  }

  /** Every refresh token stops working too. */
  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  /** One page of applications, with the query it was asked with. */
  listApplications(q: URLSearchParams): { items: DigitalRecruitersJobApplication[]; more: boolean } {
    const page = positive(q.get("page"), 1, "page");
    const limit = positive(q.get("limit"), 50, "limit");
    const jobAd = q.get("jobAd");
    const sort = q.get("sort");
    if (sort !== null && !SORTABLE.has(sort)) throw new FakeHttpError(400, `Cannot sort by '${sort}'`);
    let rows = this.applications;
    if (jobAd !== null) rows = rows.filter((a) => String(a.jobAd?.id) === jobAd);
    if (sort) {
      const key = sort as keyof DigitalRecruitersJobApplication;
      rows = [...rows].sort((a, b) => String(a[key] ?? "").localeCompare(String(b[key] ?? "")));
    }
    const start = (page - 1) * limit;
    return { items: rows.slice(start, start + limit), more: start + limit < rows.length };
  }

  /** Checks and records an application the way DR answers it: 201, or 202 when details are missing. */
  apply(body: Record<string, unknown>): ReceivedApplication {
    const reference = body.reference;
    if (typeof reference !== "string" || !this.jobAds.some((ad) => ad.reference === reference)) {
      throw new FakeHttpError(404, `No job ad with reference '${String(reference)}'`);
    }
    const profile = body.ApplicationProfile as Record<string, unknown> | undefined;
    for (const field of ["firstName", "lastName", "email"]) {
      if (typeof profile?.[field] !== "string" || !profile[field]) {
        throw new FakeHttpError(400, `ApplicationProfile.${field} is required`);
      }
    }
    if (typeof body.consent_date !== "string" || !CONSENT_DATE.test(body.consent_date)) {
      throw new FakeHttpError(400, "consent_date must be YYYY-MM-DD HH:MM:SS");
    }
    const file = body.file as { content?: unknown; name?: unknown } | undefined;
    if (file !== undefined && (typeof file.content !== "string" || typeof file.name !== "string")) {
      throw new FakeHttpError(400, "file needs content (base64) and name");
    }
    const complete = profile?.phoneNumber !== undefined && profile?.gender !== undefined;
    const received = { status: complete ? 201 : 202, body };
    this.applied.push(received);
    return received;
  }
}

function positive(value: string | null, fallback: number, name: string): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new FakeHttpError(400, `${name} must be a positive integer`);
  return n;
}
