// Choosing the reference lap: the driver's own best, any completed lap of the session, or a leaderboard lap on
// this track in this game. Option texts hold driver names: set as text (new Option), never HTML.
import type { LapMessage } from "../../../bridge/protocol/derived.ts";
import type { LeaderboardRow, TraceRequest } from "../../../bridge/protocol/web.ts";
import { h, lapTime } from "../ui/index.ts";

export type ReferenceSource = TraceRequest["source"] | "best";

export class ReferencePicker {
  readonly element: HTMLElement;
  private readonly select = h("select", { "aria-label": "Reference lap" });
  private readonly sources = new Map<string, ReferenceSource>();
  private signature = "";

  constructor(onChange: (source: ReferenceSource) => void) {
    this.element = h("label.reference", {}, "Reference ", this.select);
    this.select.addEventListener("change", () => onChange(this.sources.get(this.select.value) ?? "best"));
  }

  /** Rebuilds the options when the laps or the leaderboard changed; keeps the current choice. */
  update(
    sessionUID: string,
    laps: readonly LapMessage[],
    names: (carIndex: number) => string,
    board: { game: number; trackId: number; rows: readonly LeaderboardRow[] } | undefined,
  ): void {
    const valid = laps
      .filter((l) => l.valid)
      .sort((a, b) => a.timeMs - b.timeMs)
      .slice(0, 40);
    const signature = `${valid.map((l) => l.id).join()}|${board?.rows.map((r) => r.driver + r.lapTimeMs).join()}`;
    if (signature === this.signature) return;
    this.signature = signature;
    const current = this.select.value || "best";
    this.sources.clear();
    this.select.replaceChildren();
    const add = (parent: HTMLElement, key: string, text: string, source: ReferenceSource) => {
      this.sources.set(key, source);
      parent.append(new Option(text, key));
    };
    add(this.select, "best", "My best lap", "best");
    const session = h("optgroup", { label: "This session" });
    for (const l of valid) {
      const ghost = l.reference ? " (reference)" : "";
      add(session, `s:${l.id}`, `${lapTime(l.timeMs)} ${l.driver ?? names(l.carIndex)} lap ${l.lap}${ghost}`, {
        kind: "session",
        sessionUID,
        carIndex: l.carIndex,
        lap: l.lap,
      });
    }
    if (valid.length) this.select.append(session);
    if (board?.rows.length) {
      const group = h("optgroup", { label: "Leaderboard" });
      board.rows.forEach((r, i) => {
        add(group, `l:${i}:${r.driver}`, `${lapTime(r.lapTimeMs)} ${r.driver}`, {
          kind: "leaderboard",
          game: board.game,
          trackId: board.trackId,
          driver: r.driver,
        });
      });
      this.select.append(group);
    }
    this.select.value = this.sources.has(current) ? current : "best";
  }
}
