import { FakeHttpError, type FakeRequest, jsonObject } from "@hrflow-connectors/core/testing";
import { type Board, type Collection, type Item, newKey, notFound, type Source } from "./store.js";
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
  const start = (page - 1) * limit;
  let items: Item[];
  let total: number;
  if (collections.length === 1) {
    // The common case, one board or source: a page without building the whole listing.
    ({ items, total } = collections[0]!.livePage(order, start, limit));
  } else {
    // Several boards/sources are merged as one listing, as the API does.
    const merged = collections.flatMap((c) => c.live(order));
    items = merged.slice(start, start + limit);
    total = merged.length;
  }
  const meta = { page, maxPage: Math.max(1, Math.ceil(total / limit)), count: items.length, total };
  return { status: 200, data: { [field]: items }, meta };
}

/** A job's board or a profile's source, as a job or profile call names it. */
const CONTAINERS = {
  job: {
    field: "board_key",
    label: "Job",
    items: (state: FakeState, key: unknown) => board(state, key).jobs,
  },
  profile: {
    field: "source_key",
    label: "Profile",
    items: (state: FakeState, key: unknown) => source(state, key).profiles,
  },
} as const;

/** GET, POST, PUT /job/indexing and /profile/indexing, and their PATCH .../archive. */
function indexing(req: FakeRequest, state: FakeState, type: "job" | "profile"): FakeAnswer {
  const { field, label, items } = CONTAINERS[type];
  if (req.method === "GET") {
    return { status: 200, data: items(state, req.query.get(field)).get(Object.fromEntries(req.query)) };
  }
  const body = jsonObject(req, BAD_BODY);
  const collection = items(state, body[field]);
  const { [field]: _container, ...content } = body;
  if (req.route.endsWith("/archive")) {
    const item = collection.get(body);
    collection.archive(item, Number(body.is_archive ?? 1) === 1);
    return { status: 200, message: "Archived", data: { key: item.key } };
  }
  if (req.method === "PUT") {
    return {
      status: 200,
      message: `${label} edited`,
      data: collection.replace(collection.get(body), content),
    };
  }
  if (type === "job" && !str(body.name)) throw new FakeHttpError(400, "Invalid parameters. name is required");
  return { status: 201, message: `${label} created`, data: collection.insert(content) };
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
    case "POST /job/indexing":
    case "PUT /job/indexing":
    case "PATCH /job/indexing/archive":
      return indexing(req, state, "job");
    case "GET /profile/indexing":
    case "POST /profile/indexing":
    case "PUT /profile/indexing":
    case "PATCH /profile/indexing/archive":
      return indexing(req, state, "profile");
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
