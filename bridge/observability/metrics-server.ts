import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { SlipstreamError } from "../errors.ts";

/** Serves Prometheus text on GET /metrics (and a liveness answer on /healthz). */
export async function startMetricsServer(
  registry: Registry,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url === "/metrics") {
      registry.metrics().then(
        (body) => {
          res.writeHead(200, { "content-type": registry.contentType });
          res.end(body);
        },
        (error: Error) => {
          res.writeHead(500).end(error.message);
        },
      );
    } else if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    // The same error as a UDP port that cannot be bound: a busy port is a message, not a stack trace.
    server.once("error", (error) =>
      reject(new SlipstreamError("socket-failed", `cannot listen on TCP ${host}:${port} (metrics)`, { cause: error })),
    );
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
