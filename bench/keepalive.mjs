// Checks that the HTTP policy reuses connections: 300 calls (200 one after another, then 100 at
// once, 20 in flight at most per burst) against a loopback server that counts the TCP connections
// it accepts. Usage: node bench/keepalive.mjs; prints one JSON line.
import { createServer } from "node:http";
import { createHttpClient } from "@hrflow-connectors/core/http";

let connections = 0;
let requests = 0;
const server = createServer((req, res) => {
  requests++;
  setTimeout(() => res.end(JSON.stringify({ ok: true, url: req.url })), 5);
});
server.on("connection", () => connections++);
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const client = createHttpClient({
  baseUrl: `http://127.0.0.1:${server.address().port}`,
  vendor: "keepalive",
});
for (let i = 0; i < 200; i++) await client.GET("/sequential");
const sequentialConnections = connections;
for (let burst = 0; burst < 5; burst++)
  await Promise.all(Array.from({ length: 20 }, () => client.GET("/concurrent")));
console.log(JSON.stringify({ requests, sequentialConnections, totalConnections: connections }));
server.close();
server.closeAllConnections();
