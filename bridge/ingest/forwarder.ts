import { createSocket, type Socket } from "node:dgram";
import dns from "node:dns";
import { isIP } from "node:net";
import { SlipstreamError } from "../errors.ts";
import type { Logger } from "../observability/log.ts";
import { isLoopback, isOwnAddress, localAddresses } from "./own-address.ts";

export interface ForwardTarget {
  readonly host: string;
  readonly port: number;
}

/** Parses "host:port" (or "[v6]:port") targets for raw forwarding to other telemetry apps. */
export function parseForwardTargets(entries: readonly string[]): ForwardTarget[] {
  return entries.map((entry) => {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match?.[1] || !(port > 0 && port < 65536)) {
      throw new SlipstreamError("invalid-config", `--forward: ${JSON.stringify(entry)} is not host:port`);
    }
    return { host: match[1], port };
  });
}

export type Resolve = (host: string) => Promise<string>;

// Through the dns module object (not a named import), so it is the same lookup dgram itself would use.
const systemResolve: Resolve = (host) =>
  new Promise((resolve, reject) => dns.lookup(host, (error, address) => (error ? reject(error) : resolve(address))));

export interface ForwarderOptions {
  readonly log: Logger;
  /** Every send to a target ends here once: `error` null when the copy went out. */
  readonly onResult: (target: string, error: Error | null) => void;
  readonly resolve?: Resolve;
  /** How often host names are looked up again (addresses of other machines change). */
  readonly refreshMs?: number;
}

interface Route {
  readonly target: ForwardTarget;
  readonly label: string;
  address?: string;
  /** Why there is no address to send to (unresolved, or it is the bridge itself). */
  problem?: Error;
}

/**
 * Sends a copy of datagrams, unchanged, to each target: players run other telemetry apps too. One socket per
 * address family (an IPv4 socket cannot reach [::1]); names resolved at start and every `refreshMs`, never
 * per datagram; a target that is the bridge's own listening address is refused (each copy would come back).
 * The first failure of each target is logged, every one is counted through `onResult`.
 */
export class Forwarder {
  readonly labels: readonly string[];
  private readonly routes: Route[];
  private readonly sockets = new Map<4 | 6, Socket>();
  private readonly logged = new Set<string>();
  private listen = { host: "", port: 0 };
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    targets: readonly ForwardTarget[],
    private readonly options: ForwarderOptions,
  ) {
    this.routes = targets.map((target) => ({
      target,
      label: target.host.includes(":") ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`,
    }));
    this.labels = this.routes.map((r) => r.label);
  }

  /** `listen` is the bridge's bound IP address and port. Throws SlipstreamError("invalid-config") for a loop. */
  async start(listen: { readonly host: string; readonly port: number }): Promise<void> {
    if (this.routes.length === 0) return;
    this.listen = listen;
    await this.resolveAll();
    const own = this.routes.find((r) => r.address === undefined && r.problem instanceof SlipstreamError);
    if (own?.problem) throw own.problem;
    this.running = true;
    if (this.routes.some((r) => !isIP(r.target.host)))
      this.timer = setInterval(() => void this.resolveAll(), this.options.refreshMs ?? 30_000).unref();
  }

  send(bytes: Uint8Array): void {
    if (!this.running) return;
    for (const route of this.routes) {
      const { address, problem } = route;
      if (address === undefined) this.failed(route, problem ?? new Error("not resolved"), true);
      else
        this.socket(isIP(address) === 6 ? 6 : 4).send(bytes, route.target.port, address, (error) =>
          error ? this.failed(route, error, true) : this.options.onResult(route.label, null),
        );
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    const sockets = [...this.sockets.values()];
    this.sockets.clear();
    await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  private socket(family: 4 | 6): Socket {
    let socket = this.sockets.get(family);
    if (socket) return socket;
    socket = createSocket(family === 6 ? "udp6" : "udp4");
    socket.on("error", (error) => this.options.log.error({ err: error }, "forwarding socket error"));
    // A bridge listening only on loopback forwards from loopback too (as it did from its own socket);
    // otherwise the system picks the source address on the first send. Sends wait for the bind.
    if (isLoopback(this.listen.host)) socket.bind(0, family === 6 ? "::1" : "127.0.0.1");
    this.sockets.set(family, socket);
    return socket;
  }

  private async resolveAll(): Promise<void> {
    const local = localAddresses();
    await Promise.all(
      this.routes.map(async (route) => {
        try {
          const found = isIP(route.target.host)
            ? route.target.host
            : await (this.options.resolve ?? systemResolve)(route.target.host);
          const address = /^::ffff:[\d.]+$/i.test(found) ? found.slice(7) : found; // mapped: use the IPv4 socket
          if (isOwnAddress(address, route.target.port, this.listen, local)) {
            const where = `${this.listen.host}:${this.listen.port}`;
            route.address = undefined;
            route.problem = new SlipstreamError(
              "invalid-config",
              `--forward: ${route.label} is the bridge's own listening address (UDP ${where}): every copy would come back and be forwarded again`,
            );
            if (this.running) this.failed(route, route.problem, false);
            return;
          }
          route.address = address;
          route.problem = undefined;
        } catch (error) {
          // A failed refresh keeps the last address that worked: a DNS hiccup should not stop forwarding.
          if (route.address === undefined) route.problem = error as Error;
          this.failed(route, error as Error, false);
        }
      }),
    );
  }

  private failed(route: Route, error: Error, count: boolean): void {
    if (count) this.options.onResult(route.label, error);
    if (this.logged.has(route.label)) return;
    this.logged.add(route.label);
    this.options.log.warn(
      { err: error, target: route.label },
      "forwarding to this target failed; further failures are counted (slipstream_bridge_forward_errors_total), not logged",
    );
  }
}
