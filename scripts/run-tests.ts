// `npm test`: type check, lint, then every *.test.ts under test/ with node's test runner.
// Integration tests need a real Kafka broker: KAFKA_BROKERS when set, else one started here for the run
// (jars resolved with Maven on first use) and stopped after; likewise Redis: REDIS_URL, else a throwaway
// redis-server on a free port. Flags: --unit (no integration tests),
// --no-checks (skip type check and lint), and any other words filter test files by path.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type KafkaBroker, startKafkaBroker } from "./kafka/broker.ts";
import { type LocalRedis, startRedisServer } from "./redis/server.ts";

/**
 * A test that never settles, or a file kept alive by what a failed test left open (a socket, a bridge process),
 * fails after this long instead of hanging the run. Node 20 applies it to each test file as a whole, so it is well
 * above the slowest file (the broker tests give themselves 240 s: a cold machine resolves the jars first).
 * Not --test-force-exit: in Node 20 it ends the run before the summary reporter prints its line.
 */
export const TEST_TIMEOUT_MS = 600_000;

/** node's test runner arguments. */
export function testRunnerArgs(files: readonly string[], timeoutMs = TEST_TIMEOUT_MS): string[] {
  return [
    "--import",
    "tsx",
    "--test",
    `--test-timeout=${timeoutMs}`,
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=./scripts/summary-reporter.mjs",
    "--test-reporter-destination=stdout",
    ...files,
  ];
}

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

function run(what: string, command: string, commandArgs: string[], env = process.env): number {
  process.stdout.write(`\n== ${what}\n`);
  return spawnSync(command, commandArgs, { stdio: "inherit", env }).status ?? 1;
}

async function main(args: readonly string[]): Promise<number> {
  const unitOnly = args.includes("--unit");
  const checks = !args.includes("--no-checks");
  const filters = args.filter((a) => !a.startsWith("--"));
  const files = find("test")
    .filter((f) => !unitOnly || !f.startsWith(join("test", "integration")))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();

  let failed = 0;
  if (checks) {
    failed += run("type check (tsc)", "npx", ["tsc", "-p", "tsconfig.json"]) === 0 ? 0 : 1;
    // The web client: browser code with DOM types, and its build config with Node's.
    failed += run("type check: web client", "npx", ["tsc", "-p", "web/tsconfig.json"]) === 0 ? 0 : 1;
    failed += run("type check: web build", "npx", ["tsc", "-p", "web/tsconfig.node.json"]) === 0 ? 0 : 1;
    failed += run("lint and format (biome)", "npx", ["biome", "check", "."]) === 0 ? 0 : 1;
  }

  const env = { ...process.env };
  let broker: KafkaBroker | undefined;
  let dataDir: string | undefined;
  if (files.some((f) => f.startsWith(join("test", "integration"))) && !env.KAFKA_BROKERS) {
    process.stdout.write("\n== starting a local Kafka broker for the integration tests\n");
    dataDir = await mkdtemp(join(tmpdir(), "slipstream-test-kafka-"));
    broker = await startKafkaBroker({ port: 29092, controllerPort: 29093, dataDir });
    env.KAFKA_BROKERS = broker.brokers.join(",");
    process.stdout.write(`broker ready at ${env.KAFKA_BROKERS}\n`);
  }
  let redis: LocalRedis | undefined;
  if (files.some((f) => f.startsWith(join("test", "integration"))) && !env.REDIS_URL) {
    // Never the machine's own Redis: a throwaway one on a free port, stopped after the run.
    redis = await startRedisServer();
    env.REDIS_URL = redis.url;
    process.stdout.write(`redis-server ready at ${env.REDIS_URL}\n`);
  }

  const testStatus = run("tests", process.execPath, testRunnerArgs(files), env);

  await broker?.stop();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (failed > 0) process.stdout.write(`\n${failed} check(s) failed (type check or lint): see above\n`);
  return testStatus !== 0 || failed > 0 ? 1 : 0;
}

// Imported by its own test for testRunnerArgs; run only as the script.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await main(process.argv.slice(2)));
}
