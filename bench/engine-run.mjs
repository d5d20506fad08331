// One benchmark measurement in its own process, so each size's peak memory is its own.
// Usage: node bench/engine-run.mjs <items>; prints one JSON line.

import { createLogger, defineConnector, defineWarehouse, silentSink } from "@hrflow-connectors/core";
import { MemoryDeadLetter } from "@hrflow-connectors/core/engine";
import { MemoryStore } from "@hrflow-connectors/core/store";
import { z } from "zod";

const total = Number(process.argv[2] ?? 1000);
const params = z.object({});
// One auth schema per warehouse: every aisle must be defined for its warehouse's credentials.
const auth = z.object({});
let written = 0;
let peakHeap = 0;

const warehouse = defineWarehouse({
  name: "Bench",
  auth,
  aisles: [
    {
      entity: "job",
      auth,
      read: {
        parameters: { create: params },
        // Items are generated lazily: the data set never exists in memory at once.
        read: async function* () {
          for (let i = 0; i < total; i++) {
            yield {
              id: i,
              title: `Job ${i}`,
              description: "Senior engineer, remote friendly, Paris office",
              tags: ["a", "b"],
            };
          }
        },
      },
    },
  ],
});
const hrflow = defineWarehouse({
  name: "Sink",
  auth,
  aisles: [
    {
      entity: "job",
      auth,
      write: {
        parameters: { create: params },
        write: async (_ctx, items) => {
          written += items.length;
          // Sampled here because a CPU-bound run never lets a timer fire.
          peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
          return [];
        },
      },
    },
  ],
});
const connector = defineConnector({
  name: "Bench",
  subtype: "bench",
  description: "",
  url: "",
  type: "Other",
  warehouse,
  hrflow,
  flows: [{ mode: "create", entity: "job", direction: "inbound" }],
});

const started = process.hrtime.bigint();
const result = await connector.createJobsInHrflow(
  {
    workflow_id: "bench",
    connector_auth: {},
    hrflow_auth: {},
    logics: [(item) => (item.id % 10 === 9 ? null : item)],
    format: (item) => ({
      reference: String(item.id),
      name: item.title.toUpperCase(),
      summary: item.description,
      tags: item.tags.map((t) => ({ name: t, value: t })),
    }),
  },
  {
    store: new MemoryStore(),
    deadLetter: new MemoryDeadLetter(),
    logger: createLogger({ sink: silentSink }),
    batchSize: 100,
    concurrency: 2,
  },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// What the engine still holds once garbage is collected: the honest measure of retained memory.
globalThis.gc?.();
const heapAfterGcMB = process.memoryUsage().heapUsed / 2 ** 20;
if (result.status !== "success" || written !== total - Math.floor(total / 10)) {
  console.error(`unexpected result: ${result.status} written=${written}`);
  process.exit(1);
}
console.log(
  JSON.stringify({
    items: total,
    seconds,
    itemsPerSecond: total / seconds,
    peakHeapMB: peakHeap / 2 ** 20,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    peakInFlight: result.peak_in_flight,
    heapAfterGcMB,
  }),
);
