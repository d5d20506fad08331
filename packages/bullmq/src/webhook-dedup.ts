import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { KEY_PREFIX } from "./connection.js";

/** How long an accepted delivery is remembered (24 h): a vendor's retries of it within are duplicates. */
export const WEBHOOK_DEDUP_WINDOW_S = 86_400;
/** How long a claim lives while its event is being queued: a crash mid-way blocks retries this long at most. */
const CLAIM_S = 60;

/** What a delivery's claim found. */
export type Claim =
  | { status: "new" }
  | { status: "duplicate"; jobId: string }
  /** Another copy of this delivery is being queued right now: the vendor should retry later. */
  | { status: "in_flight" };

// Deletes a claim only if it is still ours (not an accepted mark, not a later claim).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * The de-duplication window of webhook deliveries, shared by every intake through Redis. A
 * delivery is claimed (SET NX EX, a short claim) before it is queued and marked accepted (for
 * the whole window) once Redis holds its job; a claim whose queueing failed is released, so the
 * vendor's retry is accepted. A claim left by a crashed intake expires on its own.
 */
export class WebhookDeduplicator {
  constructor(
    private readonly redis: Redis,
    readonly windowS: number = WEBHOOK_DEDUP_WINDOW_S,
  ) {}

  private key(deliveryKey: string): string {
    return `${KEY_PREFIX}:webhook-seen:${deliveryKey}`;
  }

  /** A fresh claim token: made before claiming, so a claim whose answer was lost can still be released. */
  static token(): string {
    return `claim:${randomUUID()}`;
  }

  /** Claims a delivery by its key (webhookKey's) under `token`; only a "new" claim may queue it. */
  async claim(deliveryKey: string, token: string): Promise<Claim> {
    // NX with GET (Redis 7): one round trip sets the claim or returns what is there.
    const previous = (await this.redis.call(
      "SET",
      this.key(deliveryKey),
      token,
      "EX",
      String(CLAIM_S),
      "NX",
      "GET",
    )) as string | null;
    if (previous === null) return { status: "new" };
    if (previous.startsWith("accepted:")) return { status: "duplicate", jobId: previous.slice(9) };
    return { status: "in_flight" };
  }

  /** Marks a claimed delivery accepted for the window, naming its job. */
  async accepted(deliveryKey: string, jobId: string): Promise<void> {
    await this.redis.set(this.key(deliveryKey), `accepted:${jobId}`, "EX", this.windowS);
  }

  /** Gives a claim up after its queueing failed, so the vendor's retry is not taken for a duplicate. */
  async release(deliveryKey: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(deliveryKey), token);
  }
}
