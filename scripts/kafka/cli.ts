// `npm run kafka [-- flags]`: a local single-node Kafka broker without Docker. See --help.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR, isKafkaPid, type KafkaBroker, startKafkaBroker, stopKafkaPid } from "./broker.ts";
import { CACHE_DIR, DEFAULT_KAFKA_VERSION } from "./jars.ts";

const PID_FILE = join(CACHE_DIR, "broker.pid");

const HELP = `Usage: npm run kafka -- [options]

Runs Apache Kafka ${DEFAULT_KAFKA_VERSION} (KRaft, single node, 127.0.0.1 only) from jars
resolved with Maven into .cache/kafka/. Stays in the foreground until Ctrl-C.

  --port <n>             client (PLAINTEXT) port, default 9092
  --controller-port <n>  KRaft controller port, default 9093
  --data-dir <dir>       data directory, default .cache/kafka/data (kept across runs)
  --fresh                wipe the data directory first
  --background           start detached, wait until ready, write .cache/kafka/broker.pid, exit
  --stop                 stop the background broker named in the pid file
  --help                 show this help

Env: KAFKA_VERSION overrides the Kafka version.`;

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    "controller-port": { type: "string" },
    "data-dir": { type: "string" },
    fresh: { type: "boolean" },
    background: { type: "boolean" },
    stop: { type: "boolean" },
    help: { type: "boolean" },
  },
});

function portArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`Not a port: ${value}`);
  return n;
}

async function readPid(): Promise<number | undefined> {
  const text = await readFile(PID_FILE, "utf8").catch(() => undefined);
  return text === undefined ? undefined : Number(text.trim());
}

async function main(): Promise<void> {
  if (args.help) return console.log(HELP);

  if (args.stop) {
    const pid = await readPid();
    const stopped = pid !== undefined && (await stopKafkaPid(pid));
    await rm(PID_FILE, { force: true });
    return console.log(stopped ? `Stopped Kafka broker (pid ${pid}).` : "No background Kafka broker running.");
  }

  const dataDir = resolve(args["data-dir"] ?? DEFAULT_DATA_DIR);
  if (args.fresh && existsSync(dataDir)) {
    // Refuse to wipe a folder that is not a broker data dir (e.g. a mistyped --data-dir).
    const ours = existsSync(join(dataDir, "server.properties")) || readdirSync(dataDir).length === 0;
    if (!ours) throw new Error(`--fresh: ${dataDir} does not look like a Kafka data dir; not wiping it.`);
    await rm(dataDir, { recursive: true, force: true });
  }

  const options = {
    port: portArg(args.port),
    controllerPort: portArg(args["controller-port"]),
    dataDir,
    detached: args.background ?? false,
  };

  if (args.background) {
    const running = await readPid();
    if (running !== undefined && isKafkaPid(running)) {
      return console.log(`Kafka broker already running in the background (pid ${running}).`);
    }
    const broker = await startKafkaBroker(options);
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(PID_FILE, `${broker.pid}\n`);
    console.log(`Kafka ready on ${broker.brokers.join(",")} (pid ${broker.pid}, log ${broker.logFile})`);
    return process.exit(0);
  }

  let broker: KafkaBroker | undefined;
  let stopping = false;
  // Before the broker is ready, exiting is enough: broker.ts SIGTERMs its child on process exit.
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Kafka...");
    await broker?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  console.log(`Starting Kafka ${DEFAULT_KAFKA_VERSION} (data ${dataDir})...`);
  broker = await startKafkaBroker(options);
  console.log(`Kafka ready on ${broker.brokers.join(",")} (log ${broker.logFile}). Ctrl-C to stop.`);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
