import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";

/** Mounts Bull Board (queues, jobs, retries) at `basePath` of a fastify app. */
export async function mountBoard(app: FastifyInstance, queues: Queue[], basePath = "/ui"): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter,
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: basePath });
}
