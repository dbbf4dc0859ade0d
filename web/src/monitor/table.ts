// A titled table whose rows are replaced wholesale (the monitor's tables are small, once a second). Text only.
import { h } from "../ui/index.ts";

export class Table {
  readonly element: HTMLElement;
  private readonly body = h("tbody");

  constructor(title: string, head: readonly string[], id: string) {
    this.element = h(
      "section.panel.table",
      { "data-testid": `monitor-${id}` },
      h("h2", {}, title),
      h("table", {}, h("thead", {}, h("tr", {}, ...head.map((t) => h("th", {}, t)))), this.body),
    );
  }

  set(rows: readonly (readonly string[])[]): void {
    this.body.replaceChildren(...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c)))));
    if (rows.length === 0) this.body.append(h("tr.empty", {}, h("td", { colspan: 9 }, "none")));
  }
}
