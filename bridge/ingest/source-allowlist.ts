import { BlockList, isIPv4, isIPv6 } from "node:net";
import { SlipstreamError } from "../errors.ts";

const MAPPED = new BlockList();
MAPPED.addSubnet("::ffff:0:0", 96, "ipv6");

const refuse = (entry: string, why: string) =>
  new SlipstreamError("invalid-config", `--allow: ${JSON.stringify(entry)} ${why}`);

/** Which source addresses may send to the bridge: exact addresses or CIDR ranges; empty means everyone. */
export class SourceAllowlist {
  private readonly list = new BlockList();
  readonly open: boolean;

  constructor(entries: readonly string[]) {
    this.open = entries.length === 0;
    for (const entry of entries) {
      const slash = entry.indexOf("/");
      const address = slash < 0 ? entry : entry.slice(0, slash);
      const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
      if (!family) throw refuse(entry, "is not an IP address or CIDR range");
      if (slash < 0) {
        this.list.addAddress(address, family);
        continue;
      }
      // Strictly digits: Number() reads "" as 0 (a trailing slash once allowed everyone), and "0x8" and "1e1".
      const max = family === "ipv4" ? 32 : 128;
      const text = entry.slice(slash + 1);
      const bits = /^(0|[1-9]\d{0,2})$/.test(text) ? Number(text) : Number.NaN;
      if (!(bits <= max)) throw refuse(entry, `has a bad prefix length: write a whole number from 0 to ${max}`);
      // BlockList matches ::ffff:a.b.c.d rules against IPv4 senders; below /96 such a range spills into IPv6.
      if (family === "ipv6" && bits < 96 && MAPPED.check(address, "ipv6"))
        throw refuse(entry, "is an IPv4-mapped range: its prefix length must be at least /96 (or write it as IPv4)");
      this.list.addSubnet(address, bits, family);
    }
  }

  /** Node's BlockList matches IPv4-mapped senders (::ffff:a.b.c.d, as a dual-stack socket reports them) to IPv4 rules. */
  allows(address: string, family: "IPv4" | "IPv6"): boolean {
    return this.open || this.list.check(address, family === "IPv4" ? "ipv4" : "ipv6");
  }
}
