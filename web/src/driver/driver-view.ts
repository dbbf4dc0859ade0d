// The driver view, for a player watching their own car on a second screen: live traces against lap distance with
// the best and a reference lap, the live delta, sectors, tyres, fuel, ERS and the predicted lap time.
import type { LapMessage, LapTraceMessage } from "../../../bridge/protocol/derived.ts";
import type { LeaderboardReply, LeaderboardRow, TraceReply } from "../../../bridge/protocol/web.ts";
import type { View } from "../app.ts";
import { SessionStore } from "../net/session-store.ts";
import { href } from "../router.ts";
import { h, setText } from "../ui/index.ts";
import { DeltaBar } from "./delta-bar.ts";
import { CarNumbers, SectorTable } from "./driver-panels.ts";
import { gridSize, LapOnGrid } from "./lap-grid.ts";
import { ReferencePicker, type ReferenceSource } from "./reference-picker.ts";
import { TraceCharts } from "./trace-charts.ts";

export const driverView: View = (root, { connection, route }) => {
  if (route.view !== "driver") return () => {};
  const store = new SessionStore(route.uid);
  const title = h("h1");
  const deltaBar = new DeltaBar();
  const sectors = new SectorTable();
  const numbers = new CarNumbers();
  let size = gridSize(undefined);
  const charts = new TraceCharts(size);
  let live = new LapOnGrid(size);
  let best: LapOnGrid | undefined;
  let bestLapId = "";
  let ref: LapOnGrid | undefined;
  let refSource: ReferenceSource = "best";
  let board: { game: number; trackId: number; rows: readonly LeaderboardRow[] } | undefined;
  const picker = new ReferencePicker((source) => {
    refSource = source;
    void loadReference();
  });
  root.append(
    h(
      "section.driver",
      {},
      h(
        "div.driver-head",
        {},
        title,
        picker.element,
        h("a.button", { href: href({ view: "session", uid: route.uid }) }, "Fan view"),
      ),
      deltaBar.element,
      h("div.driver-grid", {}, charts.element, h("div.driver-side", {}, sectors.element, numbers.element)),
    ),
  );

  const me = () => route.car ?? store.session?.playerCarIndex ?? 0;
  const myLaps = () => store.laps.filter((l) => l.carIndex === me());
  const bestLap = () =>
    myLaps()
      .filter((l) => l.valid)
      .sort((a, b) => a.timeMs - b.timeMs)[0];

  const trace = async (carIndex: number, lap: number): Promise<LapTraceMessage | undefined> => {
    const held = store.traces.get(`${route.uid}/${carIndex}/${lap}`);
    if (held) return held;
    const reply = await connection.request<TraceReply>((requestId) => ({
      type: "trace",
      requestId,
      source: { kind: "session", sessionUID: route.uid, carIndex, lap },
    }));
    return reply?.trace;
  };

  const loadBest = async (lap: LapMessage | undefined) => {
    if (!lap || lap.id === bestLapId) return;
    bestLapId = lap.id;
    const t = await trace(lap.carIndex, lap.lap);
    if (t && lap.id === bestLapId) best = LapOnGrid.fromTrace(t, size);
    if (refSource === "best") ref = undefined;
  };

  const loadReference = async () => {
    const source = refSource;
    if (source === "best") {
      ref = undefined;
      return;
    }
    const reply =
      source.kind === "session"
        ? { trace: await trace(source.carIndex, source.lap) }
        : await connection.request<TraceReply>((requestId) => ({ type: "trace", requestId, source }));
    if (source === refSource) ref = reply?.trace ? LapOnGrid.fromTrace(reply.trace, size) : undefined;
  };

  const loadBoard = async () => {
    const s = store.session;
    if (!s) return;
    const reply = await connection.request<LeaderboardReply>((requestId) => ({
      type: "leaderboard",
      requestId,
      game: s.packetFormat,
      trackId: s.trackId,
      count: 20,
    }));
    board = { game: s.packetFormat, trackId: s.trackId, rows: reply?.rows ?? store.leaderboard };
  };

  const redraw = () => {
    const t = store.telemetry.get(me());
    const laps = myLaps();
    const last = laps[laps.length - 1];
    const bestMsg = bestLap();
    setText(title, `${store.driverName(me())}${store.session?.track ? ` · ${store.session.track}` : ""}`);
    sectors.update(t, store.cars.get(me()), last, bestMsg);
    numbers.update(t, last);
    const against = ref ?? best;
    const d = t?.lapDistanceM;
    const refAt = against && d !== undefined ? against.elapsedAt(d) : undefined;
    const liveMs = t?.currentLapMs;
    const deltaMs = refAt !== undefined && liveMs !== undefined ? liveMs - refAt : t?.deltaToBestMs;
    deltaBar.set(deltaMs, ref ? "to the reference" : "to my best");
    picker.update(route.uid, store.laps, (i) => store.driverName(i), board);
    charts.update(live, best, ref);
  };

  // Telemetry comes at up to 60 Hz: the panels redraw once a frame at most.
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      redraw();
    });
  };

  const offStore = store.on((change, message) => {
    if (change === "snapshot" || change === "session") {
      const wanted = gridSize(store.session?.trackLengthM);
      if (wanted !== size) {
        size = wanted;
        charts.resize(size);
        live = new LapOnGrid(size);
        best = undefined;
        bestLapId = "";
      }
      if (change === "snapshot") void loadBoard();
    }
    if (message.type === "telemetry" && message.carIndex === me()) {
      if (message.lap !== live.lap || (live.lap === undefined && (message.lapDistanceM ?? 0) < 50)) {
        live = new LapOnGrid(size);
        live.lap = message.lap;
      }
      live.record(message);
    }
    if (change === "lap" || change === "snapshot" || change === "trace") void loadBest(bestLap());
    schedule();
  });
  const offMessages = connection.onMessage((m, atMs) => store.apply(m, atMs));
  connection.setStanding("session", {
    type: "subscribe",
    sessionUID: route.uid,
    channels: ["telemetry", "tower", "events", "traces"],
    ...(route.car !== undefined ? { carIndex: route.car } : {}),
  });
  return () => {
    offStore();
    offMessages();
    charts.dispose();
    connection.setStanding("session", undefined);
  };
};
