// Preload for the connector process (`--node-flags=--import=./bench/sync/bound-heap.mjs`): the
// run-time opt-in a program without start-up flags would call (@hrflow-connectors/core/memory).
import { boundHeapGrowth } from "@hrflow-connectors/core/memory";

boundHeapGrowth();
