// Session status and weather: track, session type, laps, time left, weather, temperatures, safety car.
import type { SessionStore } from "../net/session-store.ts";
import { clock, h, num, setText } from "../ui/index.ts";

export class StatusBar {
  readonly element: HTMLElement;
  private readonly fields = new Map<string, HTMLElement>();

  constructor(private readonly store: SessionStore) {
    const names = ["track", "type", "laps", "left", "weather", "temps", "sc", "forecast"];
    this.element = h("section.status-bar", { "data-testid": "status" });
    for (const n of names) {
      const el = h("span", { "data-field": n });
      this.fields.set(n, el);
      this.element.append(el);
    }
  }

  update(): void {
    const s = this.store.session;
    const set = (k: string, v: string) => setText(this.fields.get(k) as HTMLElement, v);
    if (!s) {
      set("track", "Waiting for the session…");
      return;
    }
    const leader = this.store.order()[0];
    set("track", s.track ?? `Track ${s.trackId}`);
    set("type", s.sessionType ?? "");
    set("laps", s.totalLaps ? `Lap ${leader?.lap ?? "—"}/${s.totalLaps}` : "");
    set("left", s.timeLeftS !== undefined ? `${clock(s.timeLeftS * 1000)} left` : "");
    set("weather", s.weather ?? "");
    set("temps", `Track ${num(s.trackTempC, 0, "°C")} · Air ${num(s.airTempC, 0, "°C")}`);
    set("sc", s.safetyCar && s.safetyCar !== "none" && s.safetyCar !== "No Safety Car" ? s.safetyCar : "");
    const next = s.forecast?.find((f) => f.inMinutes > 0);
    set("forecast", next ? `+${next.inMinutes}′ ${next.weather ?? ""} ${num(next.rainPercent, 0, "% rain")}` : "");
  }
}
