// Resolves the Apache Kafka broker jars from Maven Central with Maven, so no Docker or
// tarball download is needed: .cache/kafka/<version>/libs holds everything for `java -cp`.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CACHE_DIR = join(REPO_ROOT, ".cache", "kafka");
export const DEFAULT_KAFKA_VERSION = process.env.KAFKA_VERSION || "4.4.0";

// Kafka's own distribution logs through log4j2 behind slf4j 1.x; the kafka_2.13 pom leaves the
// backend out, so without these the broker would run silently.
const LOG4J_VERSION = "2.24.3";
const DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
const MARKER = ".complete";

function pom(version: string): string {
  const dep = (g: string, a: string, v: string) =>
    `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.slipstream</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    ${dep("org.apache.kafka", `kafka_2.13`, version)}
    ${dep("org.apache.logging.log4j", "log4j-core", LOG4J_VERSION)}
    ${dep("org.apache.logging.log4j", "log4j-slf4j-impl", LOG4J_VERSION)}
  </dependencies>
</project>
`;
}

/** Returns the folder holding the broker jars for `version`, resolving them once with Maven. */
export async function ensureKafkaJars(version = DEFAULT_KAFKA_VERSION): Promise<string> {
  const versionDir = join(CACHE_DIR, version);
  const libs = join(versionDir, "libs");
  if (existsSync(join(libs, MARKER))) return libs;

  // Resolve into a private folder and rename it into place, so parallel test processes
  // never see (or write into) a half-filled libs folder.
  const tmp = join(versionDir, `libs.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const pomFile = join(versionDir, "pom.xml");
  // Write-then-rename: a parallel process may be reading the same pom.
  await writeFile(`${pomFile}.${process.pid}`, pom(version));
  await rename(`${pomFile}.${process.pid}`, pomFile);
  try {
    await run(
      "mvn",
      [
        "-q",
        "-B",
        "-f",
        pomFile,
        `${DEPENDENCY_PLUGIN}:copy-dependencies`,
        "-DincludeScope=runtime",
        `-DoutputDirectory=${tmp}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    const e = err as { stdout?: string; stderr?: string; message: string };
    const output = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
    throw new Error(`Resolving Kafka ${version} jars with Maven failed:\n${output || e.message}`);
  }
  await writeFile(join(tmp, MARKER), `${new Date().toISOString()}\n`);
  // A libs folder without the marker is a leftover of an interrupted run.
  if (!existsSync(join(libs, MARKER))) await rm(libs, { recursive: true, force: true });
  try {
    await rename(tmp, libs);
  } catch (err) {
    // Another process won the race; its folder is complete, drop ours.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(join(libs, MARKER))) throw err;
  }
  return libs;
}
