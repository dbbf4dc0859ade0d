// Runs the real `slipstream processor` command as a child process, as an operator would.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bridge/bin/slipstream.mjs", import.meta.url));

export interface ProcessorProcess {
  readonly output: string[];
  stop(): Promise<void>;
  /** SIGKILL: no checkpoint, no commit, as a crash. */
  kill(): Promise<void>;
}

export async function startProcessorProcess(args: readonly string[]): Promise<ProcessorProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, "processor", ...args], {
    env: { ...process.env, SLIPSTREAM_LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: string) => {
      output.push(...chunk.split("\n").filter(Boolean));
      if (output.some((l) => l.startsWith("slipstream processor:"))) resolve();
    };
    child.stdout?.setEncoding("utf8").on("data", collect);
    child.stderr?.setEncoding("utf8").on("data", collect);
    child.once("exit", (code) => reject(new Error(`processor exited with ${code}:\n${output.join("\n")}`)));
    setTimeout(() => reject(new Error(`processor did not start:\n${output.join("\n")}`)), 30_000).unref();
  });
  await ready.catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    output,
    async stop() {
      if (gone()) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
    async kill() {
      if (gone()) return;
      child.kill("SIGKILL");
      await once(child, "exit");
    },
  };
}
