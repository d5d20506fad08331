import type { Credential } from "../credential.js";
import { withUrl } from "../credential.js";

const nothingToDo = async () => {};

/** `Authorization: Bearer <token>` (Workable, Teamtailor...). */
export function bearer(token: string, scheme = "Bearer"): Credential {
  return {
    kind: "bearer",
    identity: [token],
    setup: () => ({
      auth: (request) => {
        request.headers.set("authorization", `${scheme} ${token}`);
        return request;
      },
      secrets: () => [token],
      signIn: nothingToDo,
    }),
  };
}

/**
 * Where an API key travels: a header (e.g. `X-SmartToken`), its value optionally prefixed
 * (Teamtailor's `Authorization: Token token=<key>`), a query parameter, or a path segment the
 * caller writes itself (DigitalRecruiters' `/export/job-ads/{token}`: the credential then only
 * masks the key and names its budget); `headers` are sent along, e.g. the user a key acts for
 * (HrFlow.ai's `X-USER-EMAIL`).
 */
export type ApiKeyPlace = (
  | { header: string; prefix?: string; query?: undefined; path?: undefined }
  | { query: string; header?: undefined; prefix?: undefined; path?: undefined }
  | { path: true; header?: undefined; prefix?: undefined; query?: undefined }
) & {
  headers?: Record<string, string>;
};

/** An API key sent in a header, in the query or in the path of every call. */
export function apiKey(key: string, place: ApiKeyPlace): Credential {
  const extra = Object.entries(place.headers ?? {});
  // A key in a URL reaches errors percent-encoded as well as raw.
  const secrets = [...new Set([key, encodeURIComponent(key)])];
  return {
    kind: "apiKey",
    identity: [key, ...extra.flat()],
    setup: () => ({
      auth: (request) => {
        for (const [name, value] of extra) request.headers.set(name, value);
        if (place.header !== undefined) {
          request.headers.set(place.header, `${place.prefix ?? ""}${key}`);
          return request;
        }
        if (place.path) return request;
        const url = new URL(request.url);
        url.searchParams.set(place.query, key);
        return withUrl(request, url.toString());
      },
      secrets: () => secrets,
      signIn: nothingToDo,
    }),
  };
}

/** HTTP Basic auth: `Authorization: Basic base64(user:password)`. */
export function basic(user: string, password: string): Credential {
  const encoded = Buffer.from(`${user}:${password}`).toString("base64");
  return {
    kind: "basic",
    identity: [user, password],
    setup: () => ({
      auth: (request) => {
        request.headers.set("authorization", `Basic ${encoded}`);
        return request;
      },
      secrets: () => [password, encoded],
      signIn: nothingToDo,
    }),
  };
}

/**
 * No credentials: a public API (Greenhouse's Job Board). Calls still go through the policy (rate
 * limit, retries, timeouts); `identity` names what shares one budget (e.g. the board).
 */
export function anonymous(...identity: string[]): Credential {
  return {
    kind: "anonymous",
    identity,
    setup: () => ({ auth: (request) => request, secrets: () => [], signIn: nothingToDo }),
  };
}
