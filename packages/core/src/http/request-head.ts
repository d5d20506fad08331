import type { Agent, RequestOptions } from "node:http";

/*
 * The options core's transport gives http.request for one call: a plain object and a flat header
 * list, built once per call.
 *
 * Why not `http.request(url, { method, headers })`: an allocation profile of 3,000 profiles read
 * into HrFlow (bench/README.md, "bytes") put about 60 KB in node:http per request, a good part of
 * it in how node reads those arguments: the URL converted to a null-prototype options object that
 * the client and the agent then copy again (`urlToHttpOptions`, `Object.assign`, two spreads), and
 * headers given as an object set one by one (`setHeader`: a validated, lower-cased entry each, kept
 * in a map until `end()`). A flat list is written straight into the request's head, with the same
 * validation. What node adds itself for an object of headers (Host, Basic credentials of the URL,
 * the Content-Length of a write without a body) is added here, so the bytes sent are the same.
 */

// Methods node sends without a body framing by default; the others get `Content-Length: 0` when
// empty, as node's end() gives them when it writes the head itself.
const NO_BODY_BY_DEFAULT = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/**
 * The options of one request to `url`: `headers` has lower-case names (as `plainHeaders` builds
 * them) and is not changed; `body` is the whole body or undefined.
 */
export function requestHead(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  agent: Agent,
): RequestOptions & { headers: string[] } {
  const flat: string[] = [];
  for (const name in headers) {
    if (name !== "content-length") flat.push(name, headers[name]!);
  }
  if (body) flat.push("content-length", String(body.byteLength));
  else if (headers["content-length"] !== undefined) flat.push("content-length", headers["content-length"]);
  else if (!NO_BODY_BY_DEFAULT.has(method)) flat.push("content-length", "0");
  if (headers.host === undefined) flat.push("Host", url.host);
  if ((url.username || url.password) && headers.authorization === undefined) {
    const userinfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    flat.push("Authorization", `Basic ${Buffer.from(userinfo).toString("base64")}`);
  }
  const hostname = url.hostname;
  return {
    protocol: url.protocol,
    // An IPv6 literal is bracketed in a URL, not in a socket address.
    hostname: hostname.charCodeAt(0) === 91 ? hostname.slice(1, -1) : hostname,
    port: url.port === "" ? undefined : Number(url.port),
    path: url.pathname + url.search,
    method,
    headers: flat,
    agent,
  };
}
