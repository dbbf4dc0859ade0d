import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { CaptureEntry } from "../../../simulator/capture/reader.ts";
import { CaptureReader } from "../../../simulator/capture/reader.ts";
import { mixedStream, sendUdp } from "../../support/datagram-stream.ts";
import { waitUntil } from "../../support/wait.ts";
import { startCli } from "../support/cli-process.ts";
import { sixtyHertzTimeline, writeCapture } from "../support/timeline.ts";
import { quantile } from "../support/udp-receiver.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-record-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function readCapture(file: string): Promise<{ entries: CaptureEntry[]; reader: CaptureReader }> {
  const reader = await CaptureReader.open(file);
  const entries: CaptureEntry[] = [];
  for await (const e of reader) entries.push(e);
  return { entries, reader };
}

function startRecorder(file: string, extra: string[] = []) {
  return startCli(["record", file, "--udp-host", "127.0.0.1", "--udp-port", "0", ...extra]);
}

test("record: what a sender sends (valid or not) comes back byte for byte with plausible times; Ctrl-C leaves a valid file", async () => {
  const file = join(dir, "live.slipcap");
  const recorder = startRecorder(file);
  const port = Number(await recorder.waitFor(/UDP 127\.0\.0\.1:(\d+) -> /));
  const datagrams = mixedStream().map((s) => s.bytes);
  const before = performance.now();
  await sendUdp(port, datagrams);
  const sentMs = performance.now() - before;
  await waitUntil(
    async () => (await readCapture(file)).entries.length === datagrams.length,
    10_000,
    "everything flushed",
  );
  assert.equal(await recorder.stop("SIGINT"), 0);
  const { entries, reader } = await readCapture(file);
  assert.equal(reader.truncatedTail, undefined);
  assert.equal(entries.length, datagrams.length);
  entries.forEach((e, i) => void assert.deepEqual(e.bytes, datagrams[i]));
  const spanMs = ((entries.at(-1)?.timeUs ?? 0) - (entries[0]?.timeUs ?? 0)) / 1000;
  assert.ok(spanMs > 0 && spanMs <= sentMs + 5, `recorded span ${spanMs} ms, sent over ${sentMs} ms`);
  assert.ok(entries.every((e) => /^127\.0\.0\.1:\d+$/.test(e.source ?? "")));
  assert.ok((reader.header.startUnixUs ?? 0) > Date.UTC(2024, 0) * 1000);
  const summary = recorder.stderr.join("\n");
  assert.match(summary, new RegExp(`recorded ${datagrams.length} packets, .* \\d+ sessions, \\d+ not F1 telemetry`));
});

test("record: a recorder killed outright (no Ctrl-C) leaves a file that reads up to its last flush", async () => {
  const file = join(dir, "killed.slipcap");
  const recorder = startRecorder(file);
  const port = Number(await recorder.waitFor(/UDP 127\.0\.0\.1:(\d+) -> /));
  const datagrams = mixedStream()
    .map((s) => s.bytes)
    .slice(0, 200);
  await sendUdp(port, datagrams);
  await new Promise((r) => setTimeout(r, 600)); // two flush periods
  await recorder.stop("SIGKILL");
  const { entries } = await readCapture(file);
  assert.equal(entries.length, datagrams.length);
});

test("record, replay at 1x into a second recorder, and the second recording has the same bytes on the same timing", async () => {
  const timeline = sixtyHertzTimeline(2);
  const original = join(dir, "original.slipcap");
  writeCapture(original, timeline);
  const copy = join(dir, "copy.slipcap");
  const recorder = startRecorder(copy);
  const port = Number(await recorder.waitFor(/UDP 127\.0\.0\.1:(\d+) -> /));
  const replay = startCli(["replay", original, "--to", `127.0.0.1:${port}`]);
  assert.equal(await replay.exited(), 0, replay.stderr.join("\n"));
  assert.match(replay.stdout.join("\n"), /-> udp 127\.0\.0\.1:\d+ at 1x/);
  assert.match(
    replay.stderr.join("\n"),
    new RegExp(`replayed 1 loop: loop 1/1, at 0:0?2\\.0, sent ${timeline.length}`),
  );
  await waitUntil(async () => (await readCapture(copy)).entries.length >= timeline.length, 10_000, "the copy");
  assert.equal(await recorder.stop("SIGTERM"), 0);
  const { entries } = await readCapture(copy);
  assert.deepEqual(
    entries.map((e) => e.bytes),
    timeline.map((t) => t.bytes),
  );
  // Timing: each entry's time in the copy against the original's, after the one constant shift between the two
  // clocks (the median; the first entry alone would carry the recorder's cold start).
  const offsets = entries.map((e, i) => e.timeUs - (timeline[i]?.timeUs ?? 0));
  const shift = quantile(offsets, 0.5);
  const drift = offsets.map((o) => Math.abs(o - shift));
  const p50 = quantile(drift, 0.5) / 1000;
  const p95 = quantile(drift, 0.95) / 1000;
  assert.ok(p50 < 1 && p95 < 5, `drift p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
});

test("record and replay refuse bad input with a clear message and exit code", async () => {
  const existing = join(dir, "exists.slipcap");
  writeCapture(existing, sixtyHertzTimeline(0.1));
  const refused = startCli(["record", existing, "--udp-host", "127.0.0.1", "--udp-port", "0"]);
  assert.equal(await refused.exited(), 1);
  assert.match(refused.stderr.join("\n"), /cannot create .*exists\.slipcap: it exists \(--force replaces it\)/);
  const badSpeed = startCli(["replay", existing, "--speed", "fast"]);
  assert.equal(await badSpeed.exited(), 2);
  assert.match(badSpeed.stderr.join("\n"), /--speed: "fast" is not a number/);
  const badLoss = startCli(["replay", existing, "--loss", "1.5"]);
  assert.equal(await badLoss.exited(), 2);
  assert.match(badLoss.stderr.join("\n"), /--loss: "1.5" is above 1/);
  const missing = startCli(["replay", join(dir, "missing.slipcap")]);
  assert.equal(await missing.exited(), 1);
  assert.match(missing.stderr.join("\n"), /cannot open .*missing\.slipcap/);
  const noBrokers = startCli(["replay", existing, "--to-topic"], { KAFKA_BROKERS: "" });
  assert.equal(await noBrokers.exited(), 2);
  assert.match(noBrokers.stderr.join("\n"), /--to-topic needs --kafka-brokers/);
});
