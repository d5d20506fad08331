import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as WorkableModule from "@hrflow-connectors/workable";
import { Workable } from "@hrflow-connectors/workable";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyServerTimeouts,
  type LoadedConnector,
  precheckSignature,
  readWebhookBody,
  serverTimeoutOptions,
  WEBHOOK_SERVER_TIMEOUTS,
  webhookGuard,
} from "../src/index.js";

const loaded = {
  pkg: {
    name: "@hrflow-connectors/workable",
    version: "0.0.0",
    directory: "",
    exportName: "Workable",
    manifest: {},
  },
  module: WorkableModule as Record<string, unknown>,
  connector: Workable as unknown as LoadedConnector["connector"],
} satisfies LoadedConnector;
const action = (name: string) => Object.values(Workable.actions).find((a) => a.name === name)!;

describe("webhookGuard's unsigned policy", () => {
  it("refuses a route without a secret unless allow_unsigned is set", () => {
    const toWorkable = action("create_profiles_in_workable");
    expect(() => webhookGuard(loaded, toWorkable, undefined, undefined)).toThrow(/allow_unsigned: true/);
    expect(webhookGuard(loaded, toWorkable, undefined, undefined, { allowUnsigned: true })).toBeNull();
    // A vendor whose package verifies signatures needs its secret whatever the policy.
    expect(() =>
      webhookGuard(loaded, action("create_profiles_in_hrflow"), undefined, undefined, {
        allowUnsigned: true,
      }),
    ).toThrow(/set webhook_secret/);
  });

  it("refuses a missing signature header from the headers alone", () => {
    const guard = webhookGuard(loaded, action("create_profiles_in_hrflow"), "whsec", undefined)!;
    expect(precheckSignature(guard, {})).toBe("missing signature header x-workable-signature");
    expect(precheckSignature(guard, { "x-workable-signature": "ab" })).toBeNull();
  });
});

describe("readWebhookBody on a node:http server with the webhook timeouts", () => {
  let server: Server;
  let url: string;
  const LIMIT = 1024;
  beforeAll(async () => {
    const timeouts = { ...WEBHOOK_SERVER_TIMEOUTS, requestTimeoutMs: 1000, checkIntervalMs: 100 };
    server = createServer(serverTimeoutOptions(timeouts), async (req, res) => {
      const read = await readWebhookBody(req, req.headers, LIMIT);
      if (!read.ok) return res.writeHead(413, { connection: "close" }).end(read.reason);
      res.writeHead(200).end(String(read.body.length));
    });
    applyServerTimeouts(server, timeouts);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${url}/`, { method: "POST", headers }, (res) => {
        let text = "";
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      if (body === undefined) req.flushHeaders();
      else req.end(body);
    });

  it("reads a body within the limit, refuses a declared or counted oversize one", async () => {
    expect(await send({}, "x".repeat(LIMIT))).toEqual({ status: 200, text: String(LIMIT) });
    // Declared, never sent: refused without waiting for a byte.
    expect(await send({ "content-length": String(50 << 20) })).toEqual({ status: 413, text: "too_large" });
    expect(await send({ "transfer-encoding": "chunked" }, "x".repeat(LIMIT + 1))).toEqual({
      status: 413,
      text: "too_large",
    });
  });

  it("cuts a request whose body never finishes", async () => {
    const res = await send({ "content-length": "100" });
    expect(res.status).toBe(408);
  }, 30_000);
});
