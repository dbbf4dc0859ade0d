// `npm start` runs `slipstream demo`: the bridge on the in-process bus with a live view of the sessions.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { decode } from "../../../bridge/f1/decode.ts";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";
import { startBridgeProcess } from "../../support/bridge-process.ts";
import { sendUdp } from "../../support/datagram-stream.ts";
import { loadJsonlFixtures } from "../../support/fixtures.ts";
import { waitUntil } from "../../support/wait.ts";

test("the demo shows each session it receives, with its packet mix", async (t) => {
  // --sample none: only what the test sends, so the counts below are the game's alone.
  const demo = await startBridgeProcess(["--summary-interval", "1", "--sample", "none"], { KAFKA_BROKERS: "" }, "demo");
  t.after(async () => assert.equal(await demo.stop(), 0));
  const datagrams = loadJsonlFixtures(2025).map((f) => f.bytes);
  const first = decode(datagrams[0] as Buffer);
  assert.ok(first.ok);
  await sendUdp(demo.udpPort, datagrams);
  const line = () => demo.output.find((l) => l.includes(`session ${first.packet.header.sessionUID} F1 2025`));
  await waitUntil(
    () => line() !== undefined,
    10_000,
    () => `a line for the session in:\n${demo.output.join("\n")}`,
  );
  assert.match(line() ?? "", new RegExp(`: ${datagrams.length} packets, .*motion:1`));
  assert.ok(demo.output.some((l) => l.includes("on the in-process bus")));
  // The in-process bus reports what it holds, so a long-running demo's memory can be watched.
  const topic = 'topic="slipstream.raw"';
  assert.equal(await demo.metric("slipstream_memory_bus_retained_records", topic), datagrams.length);
  assert.equal(await demo.metric("slipstream_memory_bus_deleted_records_total", topic), 0);
});

/** The bridge's session lines in the demo's output, by sessionUID (the latest line of each). */
function sessionLines(output: readonly string[]): Map<string, string> {
  const lines = new Map<string, string>();
  for (const line of output) {
    const uid = /^ {2}session (\d+) F1 \d+ from /.exec(line)?.[1];
    if (uid) lines.set(uid, line);
  }
  return lines;
}

test("with no game, the demo replays the sample race to its own UDP port: a live session with timing", async (t) => {
  const demo = await startBridgeProcess(["--summary-interval", "1"], { KAFKA_BROKERS: "" }, "demo");
  t.after(async () => assert.equal(await demo.stop(), 0));
  // The timing table's head and its leader's row: the processor has the session, its participants and positions.
  const head = () => demo.output.find((l) => /^Austria race 2025 session \d+: \d+ packets/.test(l));
  const leaderRow = () => demo.output.find((l) => /^ 1 [A-Z][a-z]+ [A-Z]/.test(l));
  await waitUntil(
    () => head() !== undefined && leaderRow() !== undefined,
    20_000,
    () => `the sample race's timing in:\n${demo.output.join("\n")}`,
  );
  const uid = /session (\d+)/.exec(head() ?? "")?.[1] as string;
  // It came over UDP, as a game's would: the bridge's own session table has it, from a loopback sender.
  assert.match(sessionLines(demo.output).get(uid) ?? "", /F1 2025 from 127\.0\.0\.1:\d+: /);
  assert.notEqual(uid, "13126104439128308757", "a new sessionUID, not the recording's");
  assert.equal(await demo.metric("slipstream_bridge_datagrams_rejected_total", 'reason="rate-limited"'), 0);
});

const dir = mkdtempSync(join(tmpdir(), "slipstream-demo-"));
after(() => rmSync(dir, { recursive: true, force: true }));

test("--sample FILE replays that recording instead, with new sessions every loop", async (t) => {
  const datagrams = loadJsonlFixtures(2025)
    .map((f) => f.bytes)
    .slice(0, 3);
  const originals = new Set(
    datagrams.map((d) => {
      const decoded = decode(d);
      return decoded.ok ? decoded.packet.header.sessionUID : "";
    }),
  );
  assert.ok(!originals.has(""));
  const file = join(dir, "short.slipcap");
  const writer = CaptureWriter.create(file, { sources: false });
  datagrams.forEach((d, i) => void writer.append(i * 100_000, d));
  writer.close();
  const demo = await startBridgeProcess(["--summary-interval", "1", "--sample", file], { KAFKA_BROKERS: "" }, "demo");
  t.after(async () => assert.equal(await demo.stop(), 0));
  // A 0.2 s recording loops about four times a second: several sessions, none with the recording's UIDs.
  await waitUntil(
    () => sessionLines(demo.output).size >= 3,
    20_000,
    () => `three sessions in:\n${demo.output.join("\n")}`,
  );
  assert.ok(demo.output.some((l) => l.startsWith(`Replaying ${file} in a loop`)));
  // Every loop comes from the sample loop's one socket and carries exactly the file's three packets; a stray sender
  // on this machine (another test's replay to a port this demo was given since) cannot make it pass.
  const loops = [...sessionLines(demo.output)].filter(([, l]) => / 3 packets, .*\[.*motion:1.*\]$/.test(l));
  const sources = new Set(loops.map(([, l]) => / from (\S+): /.exec(l)?.[1]));
  assert.ok(loops.length >= 3, `three loops of the file in:\n${demo.output.join("\n")}`);
  assert.equal(sources.size, 1, `one sender for every loop in:\n${demo.output.join("\n")}`);
  for (const [uid] of loops) assert.ok(!originals.has(uid), uid);
  // The shipped race is not played: no session from that sender has more packets than the file (the loop in progress fewer).
  const fromLoop = [...sessionLines(demo.output).values()].filter((l) => sources.has(/ from (\S+): /.exec(l)?.[1]));
  assert.ok(
    fromLoop.every((l) => / [123] packets, /.test(l)),
    `only the file from the loop's sender in:\n${demo.output.join("\n")}`,
  );
});
