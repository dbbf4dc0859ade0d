// Runs the real `slipstream bridge` command as a child process, as a user would.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bridge/bin/slipstream.mjs", import.meta.url));

export interface BridgeProcess {
  readonly udpPort: number;
  readonly metricsUrl: string;
  readonly output: string[];
  metric(name: string, labels?: string): Promise<number>;
  stop(): Promise<number | null>;
  /** SIGKILL: no drain, no clean-up, as a crash. Resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Runs `slipstream <args>` to its end (killed after `timeoutMs`): for commands that must refuse to start. */
export async function runSlipstream(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, SLIPSTREAM_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const [code] = (await once(child, "close")) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

function demoArgs(command: string): string[] {
  return command === "demo" ? ["--http-port", "0", "--static-dir", join(tmpdir(), "slipstream-no-web-client")] : [];
}

export async function startBridgeProcess(
  args: readonly string[],
  env: Record<string, string> = {},
  command: "bridge" | "demo" = "bridge",
): Promise<BridgeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    // The demo's gateway too: a free port, and no web build in a test (a missing --static-dir serves /ws only).
    [BIN, command, "--udp-host", "127.0.0.1", "--udp-port", "0", "--metrics-port", "0", ...demoArgs(command), ...args],
    {
      env: { ...process.env, SLIPSTREAM_LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  let udpPort = 0;
  let metricsUrl = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      output.push(...chunk.split("\n").filter(Boolean));
      for (const line of output) {
        udpPort ||= Number(/UDP [\d.]+:(\d+)/.exec(line)?.[1] ?? 0);
        metricsUrl ||= /metrics: (http\S+)/.exec(line)?.[1] ?? "";
      }
      if (udpPort && metricsUrl) resolve();
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => output.push(...chunk.split("\n").filter(Boolean)));
    child.once("exit", (code) => reject(new Error(`bridge exited with ${code}:\n${output.join("\n")}`)));
    setTimeout(() => reject(new Error(`bridge did not start:\n${output.join("\n")}`)), 30_000).unref();
  });
  // A bridge that never became ready is killed here: the caller has nothing to stop, and it would keep the run alive.
  await ready.catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  return {
    udpPort,
    metricsUrl,
    output,
    async metric(name, labels) {
      const text = await (await fetch(metricsUrl)).text();
      const prefix = labels ? `${name}{${labels}} ` : `${name} `;
      const line = text.split("\n").find((l) => l.startsWith(prefix));
      return line ? Number(line.slice(prefix.length)) : Number.NaN;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      return code as number | null;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await once(child, "exit");
    },
  };
}
