import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { Counter, type Registry } from "prom-client";

interface Row {
  readonly port: number;
  readonly inode: string;
  readonly drops: number;
}

// Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops.
function rows(table: string): Row[] {
  return readFileSync(table, "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 13)
    .map((f) => ({
      port: Number.parseInt(f[1]?.split(":")[1] ?? "", 16),
      inode: f[9] ?? "",
      drops: Number(f[12]),
    }));
}

/** Inodes of this process's sockets: a port alone could be another process's (SO_REUSEPORT). */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {} // closed between listing and reading
  }
  return inodes;
}

/**
 * The kernel's count of datagrams it dropped for one of our UDP sockets because its receive buffer was full
 * (the `drops` column of /proc/net/udp or udp6). Linux only: `find` returns undefined elsewhere. These never
 * reach the bridge, so no counter of its own can see them.
 */
export class SocketDrops {
  private last = 0;

  private constructor(
    private readonly table: string,
    private readonly inode: string,
  ) {}

  static find(port: number, type: "udp4" | "udp6"): SocketDrops | undefined {
    if (process.platform !== "linux") return undefined;
    const table = type === "udp6" ? "/proc/net/udp6" : "/proc/net/udp";
    try {
      const ours = ownSocketInodes();
      const row = rows(table).find((r) => r.port === port && ours.has(r.inode));
      return row && new SocketDrops(table, row.inode);
    } catch {
      return undefined;
    }
  }

  /** The count now; once the socket is closed, the last count read. */
  read(): number {
    try {
      const row = rows(this.table).find((r) => r.inode === this.inode);
      if (row && Number.isFinite(row.drops)) this.last = row.drops;
    } catch {}
    return this.last;
  }

  /** Exports the count as slipstream_bridge_socket_drops_total, read on each scrape. */
  register(registry: Registry): void {
    const drops = this;
    let exported = 0;
    new Counter({
      name: "slipstream_bridge_socket_drops_total",
      help: "Datagrams the kernel dropped before the bridge read them: the socket's receive buffer was full (Linux only)",
      registers: [registry],
      collect() {
        const now = drops.read();
        if (now > exported) this.inc(now - exported);
        exported = Math.max(exported, now);
      },
    });
  }
}
