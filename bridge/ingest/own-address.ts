import { BlockList, isIPv4 } from "node:net";
import { networkInterfaces } from "node:os";

type Family = "ipv4" | "ipv6";
const familyOf = (address: string): Family => (isIPv4(address) ? "ipv4" : "ipv6");

// Linux delivers a datagram sent to 0.0.0.0 or :: to this machine, so a wildcard target is local too.
const WILDCARDS = new BlockList();
WILDCARDS.addAddress("0.0.0.0", "ipv4");
WILDCARDS.addAddress("::", "ipv6");

/** Every address a datagram can reach this machine on: loopback ranges, wildcards, interface addresses. */
export function localAddresses(): BlockList {
  const list = new BlockList();
  list.addSubnet("127.0.0.0", 8, "ipv4");
  list.addAddress("::1", "ipv6");
  list.addAddress("0.0.0.0", "ipv4");
  list.addAddress("::", "ipv6");
  for (const infos of Object.values(networkInterfaces()))
    for (const info of infos ?? []) list.addAddress(info.address, info.family === "IPv4" ? "ipv4" : "ipv6");
  return list;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

export const isLoopback = (address: string): boolean => LOOPBACK.check(address, familyOf(address));

/**
 * True when a datagram sent to `address`:`port` (an IP address) lands on the socket listening on `listen`
 * (its bound IP address and port): forwarding there would loop. A wildcard listener receives on every local
 * address; for simplicity both families count, though 0.0.0.0 only hears IPv4.
 */
export function isOwnAddress(
  address: string,
  port: number,
  listen: { readonly host: string; readonly port: number },
  local: BlockList = localAddresses(),
): boolean {
  if (port !== listen.port) return false;
  const family = familyOf(address);
  if (WILDCARDS.check(address, family)) return true;
  if (WILDCARDS.check(listen.host, familyOf(listen.host))) return local.check(address, family);
  const same = new BlockList(); // compares canonical forms, and ::ffff:a.b.c.d with a.b.c.d
  same.addAddress(listen.host, familyOf(listen.host));
  return same.check(address, family);
}
