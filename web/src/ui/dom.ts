// The only way the client makes DOM: elements with text nodes. Strings from the wire (driver names, event text)
// are untrusted, so nothing here (or anywhere in web/src) assigns HTML; test/web/no-html.test.ts checks that.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** `h("div.tower.compact", {title: "x"}, "text", child)`: class names after dots; children as text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K | `${K}.${string}`,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const [name, ...classes] = tag.split(".");
  const el = document.createElement(name as K);
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Sets an element's text only when it changed (cheap at 20 Hz, no layout churn). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** A table body that keeps one row per key and rewrites only cell text: stable for 4-20 Hz updates. */
export class KeyedRows<K> {
  private readonly rows = new Map<K, HTMLTableRowElement>();
  constructor(
    readonly body: HTMLTableSectionElement,
    private readonly cells: number,
  ) {}

  /** Shows `keys` in order; returns each row's cells for the caller to fill. */
  update(keys: readonly K[], fill: (key: K, cells: HTMLTableCellElement[], row: HTMLTableRowElement) => void): void {
    const keep = new Set(keys);
    for (const [key, row] of this.rows) {
      if (!keep.has(key)) {
        row.remove();
        this.rows.delete(key);
      }
    }
    keys.forEach((key, i) => {
      let row = this.rows.get(key);
      if (!row) {
        row = document.createElement("tr");
        for (let c = 0; c < this.cells; c++) row.appendChild(document.createElement("td"));
        this.rows.set(key, row);
      }
      if (this.body.children[i] !== row) this.body.insertBefore(row, this.body.children[i] ?? null);
      fill(key, [...row.cells], row);
    });
  }
}
