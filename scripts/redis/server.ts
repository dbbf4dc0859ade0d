// A throwaway redis-server for tests and benchmarks: a free port on 127.0.0.1, no persistence, stopped after.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";

export interface LocalRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Starts `redis-server` (Debian's package); `port` 0 picks a free one. Resolves once it answers PING. */
export async function startRedisServer(options: { port?: number } = {}): Promise<LocalRedis> {
  const port = options.port || (await freePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  let child: ChildProcess;
  try {
    child = spawn("redis-server", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new Error("cannot start redis-server: install Debian's redis-server package", { cause: error });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.once("error", () => {});
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited at start (is it installed? apt-get install redis-server)`);
    }
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      client.destroy();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
      await sleep(50);
    }
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
