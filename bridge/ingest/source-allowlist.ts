import { BlockList, isIPv4, isIPv6 } from "node:net";
import { SlipstreamError } from "../errors.ts";

/** Which source addresses may send to the bridge: exact addresses or CIDR ranges; empty means everyone. */
export class SourceAllowlist {
  private readonly list = new BlockList();
  readonly open: boolean;

  constructor(entries: readonly string[]) {
    this.open = entries.length === 0;
    for (const entry of entries) {
      const [address = "", prefix] = entry.split("/");
      const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
      if (!family)
        throw new SlipstreamError(
          "invalid-config",
          `--allow: ${JSON.stringify(entry)} is not an IP address or CIDR range`,
        );
      if (prefix === undefined) this.list.addAddress(address, family);
      else {
        const bits = Number(prefix);
        if (!Number.isInteger(bits) || bits < 0 || bits > (family === "ipv4" ? 32 : 128)) {
          throw new SlipstreamError("invalid-config", `--allow: ${JSON.stringify(entry)} has a bad prefix length`);
        }
        this.list.addSubnet(address, bits, family);
      }
    }
  }

  allows(address: string, family: "IPv4" | "IPv6"): boolean {
    if (this.open) return true;
    // A dual-stack socket reports IPv4 senders as ::ffff:a.b.c.d.
    const mapped = family === "IPv6" && address.startsWith("::ffff:") ? address.slice(7) : undefined;
    if (mapped && isIPv4(mapped)) return this.list.check(mapped, "ipv4");
    return this.list.check(address, family === "IPv4" ? "ipv4" : "ipv6");
  }
}
