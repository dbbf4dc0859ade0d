import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { validateDatagram } from "../../../bridge/f1/decode.ts";
import { analyze } from "../../../bridge/processing/analyze/analyze.ts";
import { openInput } from "../../../simulator/capture/open-input.ts";
import type { GroundTruth } from "../../../simulator/simulate/truth.ts";
import { runCli, startCli } from "../support/cli-process.ts";

const dir = mkdtempSync(join(tmpdir(), "slipstream-simulate-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(["simulate", ...args]);

const SMALL = ["--track", "monaco", "--cars", "3", "--laps", "2", "--seed", "9", "--rate", "10"];

test("--out writes a capture as fast as possible; the same seed the same file; analyze finds the --truth", async () => {
  const [a, b, truthFile] = [join(dir, "a.slipcap"), join(dir, "b.slipcap"), join(dir, "truth.json")];
  const first = await cli([...SMALL, "--out", a, "--truth", truthFile]);
  assert.equal(first.code, 0, first.err.join("\n"));
  assert.match(first.out.join("\n"), /race at Monaco, 3 cars, 2 laps, format 2025 -> /);
  assert.match(first.err.at(-1) ?? "", /^wrote \d+ datagrams/);
  assert.equal((await cli([...SMALL, "--out", b])).code, 0);
  assert.ok(readFileSync(a).equals(readFileSync(b)), "byte for byte");
  assert.equal((await cli([...SMALL, "--out", a])).code, 1, "an existing file is kept without --force");
  const [truth] = JSON.parse(readFileSync(truthFile, "utf8")) as GroundTruth[];
  const input = await openInput(a, {});
  const analysis = await analyze(input, { reorderWindowMs: 50 });
  const session = analysis.sessions[0];
  assert.equal(session?.sessionUID, truth?.sessionUID);
  for (const car of truth?.cars ?? []) {
    const found = session?.cars.find((c) => c.carIndex === car.carIndex);
    assert.deepEqual(
      found?.laps.map((l) => [l.lap, l.timeMs, l.sectorsMs]),
      car.laps.map((l) => [l.lap, l.timeMs, l.sectorsMs]),
    );
    assert.equal(found?.position, car.position);
  }
});

test("live to UDP: several rigs send distinct sessions from distinct ports; every datagram valid", async () => {
  const socket = createSocket({ type: "udp4", recvBufferSize: 8 * 1024 * 1024 });
  const got: { uid: string; port: number }[] = [];
  socket.on("message", (bytes, rinfo) => {
    const v = validateDatagram(bytes);
    assert.ok(v.ok);
    got.push({ uid: v.info.sessionUID, port: rinfo.port });
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  const port = socket.address().port;
  const truthFile = join(dir, "rigs.json");
  const args = ["--track", "monaco", "--cars", "2", "--laps", "1", "--rate", "10", "--seed", "3"];
  // In a process of its own, so this one's event loop is free to receive (the sender blocks its own near sends).
  const child = startCli([
    "simulate",
    ...args,
    "--rigs",
    "2",
    "--speed",
    "50",
    "--to",
    `127.0.0.1:${port}`,
    "--truth",
    truthFile,
  ]);
  assert.equal(await child.exited(), 0, child.stderr.join("\n"));
  const sent = Number(/sent (\d+) datagrams/.exec(child.stderr.at(-1) ?? "")?.[1]);
  const deadline = Date.now() + 5000;
  while (got.length < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  socket.close();
  assert.equal(got.length, sent);
  const truths = JSON.parse(readFileSync(truthFile, "utf8")) as GroundTruth[];
  assert.deepEqual(new Set(got.map((g) => g.uid)), new Set(truths.map((t) => t.sessionUID)));
  assert.equal(new Set(got.map((g) => g.port)).size, 2, "a source port per rig");
  for (const uid of new Set(got.map((g) => g.uid))) {
    assert.equal(new Set(got.filter((g) => g.uid === uid).map((g) => g.port)).size, 1, "one port per session");
  }
});

test("bad settings are refused with the reason: too many cars for the format, an unknown circuit", async () => {
  const cars = await cli(["--format", "2019", "--cars", "22", "--out", join(dir, "x.slipcap")]);
  assert.equal(cars.code, 2);
  assert.match(cars.err.join("\n"), /UDP format 2019 carries at most 20 cars, not 22/);
  const track = await cli(["--track", "nurburgring", "--out", join(dir, "x.slipcap")]);
  assert.equal(track.code, 2);
  assert.match(track.err.join("\n"), /--track: "nurburgring" is not one of Melbourne \(0\)/);
});
