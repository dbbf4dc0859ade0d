// The events feed, newest first: the session clock and the processor's text (names inside are untrusted: text).
import type { EventMessage } from "../../../bridge/protocol/derived.ts";
import { clock, h } from "../ui/index.ts";

const SHOWN = 60;

export class EventsFeed {
  readonly element: HTMLElement;
  private readonly list = h("ol.events", { "data-testid": "events" });

  constructor() {
    this.element = h("section.panel.feed", {}, h("h2", {}, "Events"), this.list);
  }

  reset(events: readonly EventMessage[]): void {
    this.list.replaceChildren();
    for (const e of events.slice(-SHOWN)) this.add(e);
  }

  add(e: EventMessage): void {
    this.list.prepend(h("li", { "data-code": e.code }, h("time", {}, clock(e.sessionTimeMs)), h("span", {}, e.text)));
    while (this.list.children.length > SHOWN) this.list.lastElementChild?.remove();
  }
}
