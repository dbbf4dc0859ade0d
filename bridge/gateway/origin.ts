const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Which browser pages may open the WebSocket: the gateway's own origin (the page it served), any page on this
 * machine (localhost: the web client's dev server), and the configured origins (`*`: any). A request without an
 * Origin header comes from no browser (a script could send any header anyway) and is let through.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes("*")) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (allowed.some((a) => a.replace(/\/+$/, "").toLowerCase() === url.origin)) return true;
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return LOOPBACK.has(url.hostname);
}
