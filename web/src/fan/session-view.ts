// The fan view of one session: the track with every car, the timing tower, the selected car, the events feed,
// weather and session status.
import type { SessionChannel } from "../../../bridge/protocol/web.ts";
import type { View } from "../app.ts";
import { SessionStore } from "../net/session-store.ts";
import { href } from "../router.ts";
import { shortName } from "../scene/track-view.ts";
import { h, teamColour } from "../ui/index.ts";
import { CarPanel } from "./car-panel.ts";
import { EventsFeed } from "./events-feed.ts";
import { ScenePanel } from "./scene-panel.ts";
import { StatusBar } from "./status-bar.ts";
import { Tower } from "./tower.ts";

const CHANNELS: SessionChannel[] = ["positions", "tower", "events", "telemetry"];

export const sessionView: View = (root, { connection, route }) => {
  if (route.view !== "session") return () => {};
  const store = new SessionStore(route.uid);
  let selected: number | undefined;
  const scene = new ScenePanel();
  const status = new StatusBar(store);
  const panel = new CarPanel(store);
  const feed = new EventsFeed();
  const select = (carIndex: number) => {
    selected = carIndex;
    scene.select(carIndex);
    subscribe();
    refresh();
  };
  const tower = new Tower(store, select);
  const driverLink = h("a.button", { href: href({ view: "driver", uid: route.uid }) }, "Driver view");
  root.append(
    h(
      "section.fan",
      {},
      h("div.fan-head", {}, status.element, driverLink),
      h("div.fan-grid", {}, scene.element, tower.element, panel.element, feed.element),
    ),
  );

  const subscribe = () =>
    connection.setStanding("session", {
      type: "subscribe",
      sessionUID: route.uid,
      channels: CHANNELS,
      ...(selected !== undefined ? { carIndex: selected } : {}),
    });

  const looks = () =>
    store.order().map((c) => {
      const p = store.participant(c.carIndex);
      return {
        carIndex: c.carIndex,
        colour: teamColour(p?.team, p?.teamId ?? c.carIndex),
        label: `${c.reference ? "REF" : (c.position ?? "")} ${shortName(store.driverName(c.carIndex))}`.trim(),
        position: c.reference ? undefined : c.position,
      };
    });

  let pending = false;
  // Tower, panel and status redraw at most once a frame, however many messages came.
  const refresh = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (selected === undefined && store.cars.size > 0) {
        const player = store.session?.playerCarIndex;
        selected = player !== undefined && store.cars.has(player) ? player : store.order()[0]?.carIndex;
        scene.select(selected);
      }
      tower.update(selected);
      panel.update(selected);
      status.update();
      scene.setCars(looks());
    });
  };

  const offStore = store.on((change, message, atMs) => {
    if (change === "positions" && message.type === "positions") return scene.push(message, atMs);
    if (change === "snapshot") {
      feed.reset(store.events);
      scene.interpolator.reset();
    }
    if (change === "event" && message.type === "event") feed.add(message);
    if (change === "snapshot" || change === "session")
      void scene.setTrack(store.session?.packetFormat, store.session?.trackId);
    refresh();
  });
  const offMessages = connection.onMessage((m, atMs) => store.apply(m, atMs));
  subscribe();

  return () => {
    offStore();
    offMessages();
    scene.dispose();
    connection.setStanding("session", undefined);
  };
};
