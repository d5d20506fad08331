/**
 * A call about to be sent, as auth sees it: its URL, method and headers (set credentials on the
 * headers). Not a whole Request: the policy sends the body it buffered once, so auth never gets it.
 */
export type OutgoingRequest = Pick<Request, "url" | "method" | "headers">;

/** Adds credentials to an outgoing request (headers). */
export type AuthInjector = (request: OutgoingRequest) => OutgoingRequest | Promise<OutgoingRequest>;

/** Header-based auth: sets each header on the request. */
export function headerAuth(headers: Record<string, string>): AuthInjector {
  return (request) => {
    for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
    return request;
  };
}

/** `Authorization: Bearer <token>`; the token may be fetched lazily (OAuth refresh). */
export function bearerAuth(token: string | (() => string | Promise<string>)): AuthInjector {
  return async (request) => {
    const value = typeof token === "function" ? await token() : token;
    request.headers.set("authorization", `Bearer ${value}`);
    return request;
  };
}
