import { FakeHttpError, type FakeRequest, jsonObject } from "@hrflow-connectors/core/testing";
import { type Board, type Collection, newKey, notFound, type Source } from "./store.js";
import { findEntities, parseText } from "./text.js";

export interface FakeAnswer {
  status: number;
  message?: string;
  data?: unknown;
  meta?: unknown;
}

export interface FakeState {
  boards: Map<string, Board>;
  sources: Map<string, Source>;
}

const BAD_BODY = "Invalid parameters. The body must be a JSON object";
const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

function required(value: unknown, name: string): string {
  const s = str(value);
  if (!s) throw new FakeHttpError(400, `Invalid parameters. ${name} is required`);
  return s;
}

function board(state: FakeState, key: unknown): Board {
  const b = state.boards.get(required(key, "board_key"));
  if (!b) throw notFound("board");
  return b;
}

function source(state: FakeState, key: unknown): Source {
  const s = state.sources.get(required(key, "source_key"));
  if (!s) throw notFound("source");
  return s;
}

function keysParam(query: URLSearchParams, name: string): string[] {
  const raw = query.get(name);
  try {
    const keys = JSON.parse(raw ?? "");
    if (Array.isArray(keys) && keys.every((k) => typeof k === "string")) return keys;
  } catch {}
  throw new FakeHttpError(400, `Invalid parameters. ${name} must be a JSON list of keys`);
}

function paged(collections: Collection[], query: URLSearchParams, field: "jobs" | "profiles"): FakeAnswer {
  const page = Math.max(1, Number(query.get("page") ?? 1) || 1);
  const limit = Math.min(100, Math.max(1, Number(query.get("limit") ?? 30) || 30));
  const order = query.get("order_by") === "asc" ? "asc" : "desc";
  // Several boards/sources are merged as one listing, as the API does.
  const merged = collections.flatMap((c) => c.page(1, Number.MAX_SAFE_INTEGER, order).items);
  const items = merged.slice((page - 1) * limit, page * limit);
  const meta = {
    page,
    maxPage: Math.max(1, Math.ceil(merged.length / limit)),
    count: items.length,
    total: merged.length,
  };
  return { status: 200, data: { [field]: items }, meta };
}

function withoutContainer(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const { [field]: _omit, ...rest } = body;
  return rest;
}

/** Turns an uploaded file into a profile the way a parser would: text, skills, first e-mail. */
async function parseFile(req: FakeRequest, state: FakeState): Promise<FakeAnswer> {
  const form = await req.form().catch(() => {
    throw new FakeHttpError(400, "Invalid parameters. The body must be multipart/form-data");
  });
  const src = source(state, form.get("source_key"));
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new FakeHttpError(400, "Invalid parameters. file is required");
  const text = Buffer.from(await file.arrayBuffer()).toString("utf8");
  const json = (name: string) => JSON.parse(String(form.get(name) ?? "[]")) as unknown[];
  const name = file instanceof File ? file.name : "resume.pdf";
  const key = str(form.get("key")) ?? newKey();
  const email = /[\w.+-]+@[\w-]+\.[\w.]+/.exec(text)?.[0] ?? null;
  const skills = findEntities(text)
    .filter((e) => e.label === "skill_hard" || e.label === "skill_soft")
    .map((e) => ({ name: text.slice(e.start, e.end).toLowerCase(), type: e.label.slice(6), value: null }));
  const parsed = {
    reference: str(form.get("reference")) ?? null,
    created_at: str(form.get("created_at")),
    info: { full_name: text.split("\n")[0]?.trim() || null, email, phone: null, urls: [] },
    text,
    text_language: "en",
    skills,
    tags: json("tags"),
    metadatas: json("metadatas"),
    attachments: [
      {
        type: "original",
        file_name: name,
        original_file_name: name,
        extension: name.includes(".") ? name.slice(name.lastIndexOf(".")) : null,
        file_size: file.size,
        public_url: `${req.baseUrl}/files/${key}/${encodeURIComponent(name)}`,
        content_type: String(form.get("profile_content_type") ?? file.type),
      },
    ],
  };
  const existing = src.profiles.find({ key });
  const profile = existing ? src.profiles.replace(existing, parsed) : src.profiles.insert(parsed, key);
  // The source's setting decides: a sync-parsing source answers with the parsed profile.
  if (src.sync_parsing) return { status: 201, data: { profile, parsing: parseText(text).parsing } };
  return { status: 202, message: "Profile queued for parsing", data: [] };
}

/** Answers one authenticated request, or throws a FakeHttpError. */
export async function route(req: FakeRequest, state: FakeState): Promise<FakeAnswer> {
  const { method, route: path, query } = req;
  const at = `${method} ${path}`;
  switch (at) {
    case "GET /source": {
      const s = source(state, query.get("key"));
      return { status: 200, data: { key: s.key, name: s.name, sync_parsing: s.sync_parsing } };
    }
    case "GET /board": {
      const b = board(state, query.get("key"));
      return { status: 200, data: { key: b.key, name: b.name } };
    }
    case "POST /text/parsing": {
      const body = jsonObject(req, BAD_BODY);
      const texts = Array.isArray(body.texts)
        ? body.texts
        : typeof body.text === "string"
          ? [body.text]
          : null;
      if (!texts?.every((t) => typeof t === "string"))
        throw new FakeHttpError(400, "Invalid parameters. texts is required");
      return { status: 200, data: texts.map((t: string) => parseText(t)) };
    }
    case "GET /job/indexing":
      return { status: 200, data: board(state, query.get("board_key")).jobs.get(Object.fromEntries(query)) };
    case "GET /profile/indexing":
      return {
        status: 200,
        data: source(state, query.get("source_key")).profiles.get(Object.fromEntries(query)),
      };
    case "POST /job/indexing": {
      const body = jsonObject(req, BAD_BODY);
      const b = board(state, body.board_key);
      if (!str(body.name)) throw new FakeHttpError(400, "Invalid parameters. name is required");
      return {
        status: 201,
        message: "Job created",
        data: b.jobs.insert(withoutContainer(body, "board_key")),
      };
    }
    case "POST /profile/indexing": {
      const body = jsonObject(req, BAD_BODY);
      const s = source(state, body.source_key);
      return {
        status: 201,
        message: "Profile created",
        data: s.profiles.insert(withoutContainer(body, "source_key")),
      };
    }
    case "PUT /job/indexing": {
      const body = jsonObject(req, BAD_BODY);
      const jobs = board(state, body.board_key).jobs;
      const data = jobs.replace(jobs.get(body), withoutContainer(body, "board_key"));
      return { status: 200, message: "Job edited", data };
    }
    case "PUT /profile/indexing": {
      const body = jsonObject(req, BAD_BODY);
      const profiles = source(state, body.source_key).profiles;
      const data = profiles.replace(profiles.get(body), withoutContainer(body, "source_key"));
      return { status: 200, message: "Profile edited", data };
    }
    case "PATCH /job/indexing/archive":
    case "PATCH /profile/indexing/archive": {
      const body = jsonObject(req, BAD_BODY);
      const items = path.startsWith("/job")
        ? board(state, body.board_key).jobs
        : source(state, body.source_key).profiles;
      const item = items.get(body);
      items.archive(item, Number(body.is_archive ?? 1) === 1);
      return { status: 200, message: "Archived", data: { key: item.key } };
    }
    case "GET /jobs/searching":
      return paged(
        keysParam(query, "board_keys").map((k) => board(state, k).jobs),
        query,
        "jobs",
      );
    case "GET /profiles/searching":
      return paged(
        keysParam(query, "source_keys").map((k) => source(state, k).profiles),
        query,
        "profiles",
      );
    case "POST /profile/parsing/file":
      return parseFile(req, state);
    default:
      throw new FakeHttpError(404, `Route not found: ${at}`);
  }
}
