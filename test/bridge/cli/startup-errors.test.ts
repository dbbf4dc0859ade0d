// What a user sees when the bridge cannot start: one clear line on stderr and an exit code, never a stack.
import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { once } from "node:events";
import { createServer } from "node:net";
import { test } from "node:test";
import { runSlipstream } from "../../support/bridge-process.ts";

const LOCAL = ["--udp-host", "127.0.0.1", "--kafka-brokers", ""];

function assertOneCleanLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split("\n").filter((l) => l !== "");
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0] as string, pattern);
  assert.doesNotMatch(stderr, /^\s+at /m, "no stack trace");
}

test("a busy metrics port and a busy UDP port get the same clean message and exit code", async (t) => {
  const tcp = createServer().listen(0, "127.0.0.1");
  await once(tcp, "listening");
  t.after(() => tcp.close());
  const udp = createSocket("udp4");
  udp.bind(0, "127.0.0.1");
  await once(udp, "listening");
  t.after(() => udp.close());
  const tcpPort = (tcp.address() as { port: number }).port;
  const udpPort = udp.address().port;

  const metrics = await runSlipstream(["bridge", ...LOCAL, "--udp-port", "0", "--metrics-port", String(tcpPort)]);
  assert.equal(metrics.code, 1, metrics.stderr);
  assertOneCleanLine(
    metrics.stderr,
    new RegExp(
      `^slipstream bridge: cannot listen on TCP 127\\.0\\.0\\.1:${tcpPort} \\(metrics\\): address already in use`,
    ),
  );

  const socket = await runSlipstream(["bridge", ...LOCAL, "--udp-port", String(udpPort), "--metrics-port", "0"]);
  assert.equal(socket.code, 1, socket.stderr);
  assertOneCleanLine(
    socket.stderr,
    new RegExp(`^slipstream bridge: cannot listen on UDP 127\\.0\\.0\\.1:${udpPort}: address already in use`),
  );
});

test("settings that cannot work are refused at start, once, with exit code 2", async () => {
  const cases: [string[], RegExp][] = [
    [["--kafka-brokers", "localhost"], /--kafka-brokers \/ KAFKA_BROKERS: "localhost" is not host:port$/],
    [["--summary-interval", "3000000"], /--summary-interval \/ SLIPSTREAM_SUMMARY_INTERVAL: "3000000" is above 86400$/],
  ];
  for (const [args, pattern] of cases) {
    const run = await runSlipstream(["bridge", "--udp-host", "127.0.0.1", "--udp-port", "0", ...args], {}, 15_000);
    assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
    assertOneCleanLine(run.stderr, pattern);
    assert.equal(run.stdout, "", "nothing started");
  }
});
