import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Socket } from "node:net";

/*
 * The keep-alive pools of core's transport: one per protocol for the process, most recently used
 * socket first, an idle socket closed after 4 s as undici does.
 *
 * Why the idle time is set here rather than as the agent's `timeout` option: with that option node
 * arms a request timeout on every request (a `once('timeout')` listener added to the socket and
 * removed at the end, about 1.3 KB per request in a loopback loop), which nothing here listens to:
 * a call in progress is bounded by its policy's deadline. The socket's own timer is what closes an
 * idle socket (the agent destroys a free socket on its 'timeout'), so it is set when the socket
 * goes back to the pool, shortened as node shortens it when the server announces its own.
 */

const IDLE_MS = 4000;
// As node's agent: stop a second before the server's announced keep-alive timeout.
const HINT_MARGIN_MS = 1000;

// The last keep-alive hint read, and what it gave: one server's answers all carry the same one.
let lastHint: string | undefined;
let lastMs: number | undefined;

/** The server's announced keep-alive timeout less node's margin, in ms; undefined when it announced none. */
function serverIdleMs(socket: Socket): number | undefined {
  const hint = (socket as Socket & { _httpMessage?: { res?: { headers: Record<string, unknown> } } })
    ._httpMessage?.res?.headers["keep-alive"];
  if (typeof hint !== "string") return undefined;
  // A server announces the same hint on every answer: read once, not per answer.
  if (hint !== lastHint) {
    const seconds = /^timeout=(\d+)/.exec(hint)?.[1];
    lastMs =
      seconds === undefined ? undefined : Math.max(0, Number.parseInt(seconds, 10) * 1000 - HINT_MARGIN_MS);
    lastHint = hint;
  }
  return lastMs;
}

/**
 * What node's `keepSocketAlive` does with a `timeout` option of IDLE_MS: TCP keep-alive, unref,
 * the idle timer (shortened by the server's hint), and no reuse when the server's timeout is too
 * short. The timer is only re-armed when it changes: each `setTimeout` is a new timer object.
 */
function keepAlive(agent: object, socket: Socket): boolean {
  socket.setKeepAlive(true, (agent as { keepAliveMsecs?: number }).keepAliveMsecs ?? 1000);
  socket.unref();
  const server = serverIdleMs(socket);
  if (server === 0) return false;
  const idle = server === undefined ? IDLE_MS : Math.min(IDLE_MS, server);
  if (socket.timeout !== idle) socket.setTimeout(idle);
  return true;
}

const options = { keepAlive: true, scheduling: "lifo" as const };

class PoolAgent extends HttpAgent {
  override keepSocketAlive(socket: Socket): boolean {
    return keepAlive(this, socket);
  }
}

class SecurePoolAgent extends HttpsAgent {
  override keepSocketAlive(socket: Socket): boolean {
    return keepAlive(this, socket);
  }
}

/** The process's pool for http: URLs. */
export const httpAgent: HttpAgent = new PoolAgent(options);
/** The process's pool for https: URLs. */
export const httpsAgent: HttpsAgent = new SecurePoolAgent(options);
