// The timing tower: position, driver, gap, interval, last and best lap (purple: the session's best; green: the
// driver's own best), tyre and its age, pit stops. One row per car, reused; text only.
import type { SessionStore } from "../net/session-store.ts";
import { gap, h, KeyedRows, lapTime, setText, teamColour, tyreColour, tyreLetter } from "../ui/index.ts";

type Cell = HTMLTableCellElement;
type Cells = [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

const HEAD = ["P", "", "Driver", "Gap", "Int", "Last", "Best", "Tyre", "Pit"];

export class Tower {
  readonly element: HTMLElement;
  private readonly rows: KeyedRows<number>;

  constructor(
    private readonly store: SessionStore,
    private readonly onSelect: (carIndex: number) => void,
  ) {
    const body = h("tbody");
    this.rows = new KeyedRows(body, HEAD.length);
    this.element = h(
      "section.panel.tower",
      { "data-testid": "tower" },
      h("table", {}, h("thead", {}, h("tr", {}, ...HEAD.map((t) => h("th", {}, t)))), body),
    );
    body.addEventListener("click", (e) => {
      const row = (e.target as Element).closest("tr");
      const car = row?.dataset.car;
      if (car !== undefined) this.onSelect(Number(car));
    });
  }

  update(selected: number | undefined): void {
    const { store } = this;
    const sessionBest = store.sessionBestMs();
    const cars = store.order().filter((c) => store.participant(c.carIndex) || c.position);
    this.rows.update(
      cars.map((c) => c.carIndex),
      (carIndex, cells, row) => {
        const c = store.cars.get(carIndex);
        if (!c) return;
        const p = store.participant(carIndex);
        row.dataset.car = String(carIndex);
        row.classList.toggle("selected", carIndex === selected);
        row.classList.toggle("in-pit", c.pit === "pitting" || c.pit === "in-pit-area");
        row.classList.toggle("reference", c.reference === true);
        row.title = c.reference ? "Reference lap (a ghost joined to the session): not one of the field" : "";
        const [pos, chip, name, gapCell, interval, last, best, tyre, pit] = cells as Cells;
        setText(pos, c.reference ? "REF" : c.position ? String(c.position) : "—");
        chip.className = "chip";
        chip.style.background = teamColour(p?.team, p?.teamId ?? carIndex);
        setText(name, store.driverName(carIndex));
        name.dataset.testid = "driver";
        const leader = c.position === 1 && !c.reference;
        setText(gapCell, c.reference ? "ghost" : leader ? (c.lap ? `Lap ${c.lap}` : "Leader") : gap(c.gapToLeaderMs));
        setText(interval, leader || c.reference ? "" : gap(c.intervalMs));
        setText(last, lapTime(c.lastLapMs));
        last.classList.toggle("purple", !!c.lastLapMs && c.lastLapMs === sessionBest);
        last.classList.toggle("green", !!c.lastLapMs && c.lastLapMs === c.bestLapMs && c.lastLapMs !== sessionBest);
        setText(best, lapTime(c.bestLapMs));
        best.classList.toggle("purple", !!c.bestLapMs && c.bestLapMs === sessionBest);
        const t = c.tyre;
        setText(tyre, t ? `${tyreLetter(t.visual ?? t.compound)} ${t.ageLaps ?? ""}` : "—");
        tyre.style.color = tyreColour(t?.visual);
        setText(pit, c.pit && c.pit !== "none" ? "PIT" : String(c.pitStops ?? 0));
      },
    );
  }
}
