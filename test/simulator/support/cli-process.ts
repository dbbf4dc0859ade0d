// Runs a `slipstream` command as a child process, as a user would, and watches its output.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { CommandContext } from "../../../bridge/cli/command.ts";
import { main } from "../../../bridge/cli/main.ts";
import { waitUntil } from "../../support/wait.ts";

const BIN = fileURLToPath(new URL("../../../bridge/bin/slipstream.mjs", import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  /** The first capture group of the first output line matching `pattern`, waiting for it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` (unless it has exited) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited(): Promise<number | null>;
}

export function startCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => stdout.push(...chunk.split("\n").filter(Boolean)));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => stderr.push(...chunk.split("\n").filter(Boolean)));
  const exit = once(child, "exit").then(([code]) => code as number | null);
  const all = () => [...stdout, ...stderr];
  return {
    child,
    stdout,
    stderr,
    async waitFor(pattern, timeoutMs = 30_000) {
      let found: string | undefined;
      await waitUntil(
        () => {
          if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${all().join("\n")}`);
          for (const line of all()) {
            const m = pattern.exec(line);
            if (m) {
              found = m[1] ?? m[0];
              return true;
            }
          }
          return false;
        },
        timeoutMs,
        () => `${pattern} in:\n${all().join("\n")}`,
      );
      return found as string;
    },
    async stop(signal = "SIGINT") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
    exited: () => exit,
  };
}

/** Runs a `slipstream` command in this process (no signals): its exit code and the lines it printed. */
export async function runCli(args: readonly string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    env: {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    untilSignal: () => new Promise(() => {}),
  };
  return { code: await main([...args], ctx), out, err };
}
