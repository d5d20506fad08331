import { request } from "node:http";

/** What a raw request got back. */
export interface RawAnswer {
  status: number;
  connection: string | undefined;
  body: string;
}

/**
 * A request through node:http, where fetch would not go: headers such as Content-Length set by
 * hand, a body sent only when given (a declared body left unsent shows the server did not wait
 * for it), the Connection header of the answer.
 */
export function rawRequest(
  url: string,
  headers: Record<string, string>,
  body?: string,
  method = "POST",
): Promise<RawAnswer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text });
          req.destroy();
        });
      },
    );
    // After the answer, the server closing a refused body's connection is expected, not an error.
    req.on("error", reject);
    if (body === undefined) req.flushHeaders();
    else req.end(body);
  });
}
