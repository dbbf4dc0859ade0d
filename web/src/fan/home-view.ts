// The live sessions: what the gateway's directory says, as links to the fan and driver views.
import type { SessionSummary } from "../../../bridge/protocol/web.ts";
import type { View } from "../app.ts";
import { href } from "../router.ts";
import { ago, clear, h } from "../ui/index.ts";

export const homeView: View = (root, { connection }) => {
  const list = h("ul.session-list", { "data-testid": "sessions" });
  const empty = h("p.muted", {}, "Waiting for the gateway's list of live sessions…");
  root.append(h("section.home", {}, h("h1", {}, "Live sessions"), empty, list));
  let sessions: readonly SessionSummary[] = connection.sessions?.sessions ?? [];

  const draw = () => {
    clear(list);
    empty.textContent = sessions.length
      ? ""
      : "No live session. Point a game (UDP 20777) at the bridge, or run the demo.";
    // Server times are aged on the gateway's clock: the browser's may be off (a phone set by hand).
    const now = Date.now() + connection.serverClockOffsetMs;
    for (const s of [...sessions].sort((a, b) => b.updatedAtMs - a.updatedAtMs)) {
      const title = [s.track ?? "Unknown track", s.sessionType].filter(Boolean).join(" · ");
      const facts = [
        s.cars !== undefined ? `${s.cars} cars` : undefined,
        s.packetFormat ? `UDP ${s.packetFormat}` : undefined,
        s.sources?.length ? `from ${s.sources.join(", ")}` : undefined,
        ago(now - s.updatedAtMs),
      ].filter(Boolean);
      list.append(
        h(
          "li.session-card",
          { "data-session": s.sessionUID },
          h("a.title", { href: href({ view: "session", uid: s.sessionUID }) }, title),
          h("span.facts", {}, facts.join(" · ")),
          h("span.uid", {}, s.sessionUID),
          h(
            "span.links",
            {},
            h("a.button", { href: href({ view: "session", uid: s.sessionUID }) }, "Watch"),
            h("a.button", { href: href({ view: "driver", uid: s.sessionUID }) }, "Driver view"),
          ),
        ),
      );
    }
  };
  const off = connection.onMessage((m) => {
    if (m.type !== "sessions") return;
    sessions = m.sessions;
    draw();
  });
  draw();
  const tick = setInterval(draw, 5000);
  return () => {
    off();
    clearInterval(tick);
  };
};
