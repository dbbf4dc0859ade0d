// Checks of the address and name settings, run at start-up: a value that cannot work fails there, clearly,
// instead of in a retry loop later (kafkajs read "localhost" as port NaN and retried forever).
import { isIP, isIPv6 } from "node:net";
import type { Check } from "./options.ts";

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;

function isHostName(value: string): boolean {
  // All digits and dots is a (bad) IPv4 address, never a name: 300.1.1.1 must not go to DNS.
  if (value.length > 253 || /^[\d.]+$/.test(value)) return false;
  return value.split(".").every((label) => LABEL.test(label));
}

export const host: Check = (value) =>
  isIP(value) !== 0 || isHostName(value) ? undefined : "is not an IP address or host name";

export const hostPort: Check = (value) => {
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  if (!m)
    return value.split(":").length > 2 ? "is not host:port (an IPv6 address goes in brackets)" : "is not host:port";
  const port = Number(m[3]);
  if (!(port >= 1 && port <= 65535)) return "has no usable port (1 to 65535)";
  if (m[1] !== undefined) {
    if (!isIPv6(m[1])) return "is not host:port: the part in brackets is not an IPv6 address";
    // kafkajs splits bootstrap servers at the first colon, so no bracketed address can work.
    return "is an IPv6 address, which the Kafka client cannot bootstrap from: use a host name that resolves to it";
  }
  return host(m[2] as string) === undefined
    ? undefined
    : "is not host:port: the host is not an IP address or host name";
};

/** Kafka's rule for topic names, with room left for the longest suffix the bridge adds. */
export const topicPrefix: Check = (value) => {
  if (!/^[a-zA-Z0-9._-]+$/.test(value))
    return "may hold only ASCII letters, digits, '.', '_' and '-' (Kafka topic names)";
  return value.length > 200 ? "is longer than 200 characters (Kafka topic names end at 249)" : undefined;
};

/** Free text that travels with every record (a header, the client id): short, printable, one line. */
export function label(max: number): Check {
  return (value) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(value)) return "holds control characters";
    return value.length > max ? `is longer than ${max} characters` : undefined;
  };
}
