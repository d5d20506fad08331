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

/** Where an API key travels: a header (e.g. `X-SmartToken`) or a query parameter. */
export type ApiKeyPlace = { header: string; query?: undefined } | { query: string; header?: undefined };

/** An API key sent in a header or in the query of every call. */
export function apiKey(key: string, place: ApiKeyPlace): Credential {
  return {
    kind: "apiKey",
    identity: [key],
    setup: () => ({
      auth: (request) => {
        if (place.header !== undefined) {
          request.headers.set(place.header, key);
          return request;
        }
        const url = new URL(request.url);
        url.searchParams.set(place.query, key);
        return withUrl(request, url.toString());
      },
      secrets: () => [key],
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
