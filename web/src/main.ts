// The web client: one connection to the gateway, a view per route (the hash), the latency reports.
import "./style.css";
import type { View } from "./app.ts";
import { driverView } from "./driver/driver-view.ts";
import { homeView } from "./fan/home-view.ts";
import { sessionView } from "./fan/session-view.ts";
import { monitorView } from "./monitor/monitor-view.ts";
import { Connection, gatewayUrl } from "./net/connection.ts";
import { LatencyMeter } from "./net/latency.ts";
import { parseRoute } from "./router.ts";
import { h } from "./ui/index.ts";

const VIEWS: Record<ReturnType<typeof parseRoute>["view"], View> = {
  home: homeView,
  session: sessionView,
  driver: driverView,
  monitor: monitorView,
};

const connection = new Connection(gatewayUrl());
const status = h("span.conn", { "data-testid": "connection" }, "connecting");
const nav = h(
  "header.top",
  {},
  h("a.brand", { href: "#/" }, "Slipstream"),
  h("nav", {}, h("a", { href: "#/" }, "Sessions"), h("a", { href: "#/monitor" }, "Monitor")),
  status,
);
const main = h("main");
document.body.append(nav, main);

connection.onStatus((s) => {
  status.textContent = s;
  status.dataset.status = s;
});

let dispose = () => {};
function mount(): void {
  dispose();
  main.replaceChildren();
  const route = parseRoute(location.hash);
  document.body.dataset.view = route.view;
  dispose = VIEWS[route.view](main, { connection, route });
}

window.addEventListener("hashchange", mount);
mount();
connection.start();
new LatencyMeter(connection).start();
