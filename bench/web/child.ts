// A TypeScript child process for the web benchmarks (run through tsx, as the parent is), with an IPC channel,
// optionally pinned to CPUs with taskset, and its stderr kept for the error message when it fails.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

export interface Child {
  readonly process: ChildProcess;
  /** Sends a message. */
  send(message: unknown): void;
  /** The next message with `ev` (rejects if the child exits first, or after timeoutMs). */
  next<T = Record<string, unknown>>(ev: string, timeoutMs?: number): Promise<T>;
  /** Resolves once the child exited (killing it after `graceMs` if it has not). */
  stop(graceMs?: number): Promise<void>;
  /** CPU time (user + system, ms) the child used so far, from /proc (Linux), else NaN. */
  cpuMs(): number;
}

let tasksetChecked: boolean | undefined;

/** Whether `taskset` exists and this machine has at least `cpus` CPUs to pin to. */
export function canPin(cpus: number): boolean {
  if (tasksetChecked === undefined) {
    try {
      execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
      tasksetChecked = true;
    } catch {
      tasksetChecked = false;
    }
  }
  return tasksetChecked && availableParallelism() >= cpus;
}

/** Starts `bench/web/<file>` with `args`; `cpu` pins it (taskset -c) when possible. */
export function startChild(file: string, args: readonly string[], options: { cpu?: string } = {}): Child {
  const script = fileURLToPath(new URL(file, import.meta.url));
  // BENCH_CPU_PROF=<dir>: every child writes a V8 CPU profile there (node --cpu-prof) when it exits.
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_NODE_FLAGS="--trace-gc ...": node or V8 flags for every child (to diagnose).
  const flags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const node = [process.execPath, ...prof, ...flags, "--import", "tsx", script, ...args];
  const [command, ...argv] = options.cpu !== undefined && canPin(2) ? ["taskset", "-c", options.cpu, ...node] : node;
  const child = spawn(command as string, argv, { stdio: ["ignore", "inherit", "pipe", "ipc"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waiting = new Map<string, { resolve: (m: never) => void }[]>();
  const inbox: Record<string, unknown>[] = [];
  child.on("message", (m: Record<string, unknown>) => {
    const list = waiting.get(m.ev as string);
    const first = list?.shift();
    if (first) first.resolve(m as never);
    else inbox.push(m);
  });
  return {
    process: child,
    send: (message) => child.send(message as object),
    next<T>(ev: string, timeoutMs = 120_000): Promise<T> {
      const queued = inbox.findIndex((m) => m.ev === ev);
      if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${file}: no "${ev}" within ${timeoutMs} ms`)), timeoutMs);
        const entry = {
          resolve: (m: never) => {
            clearTimeout(timer);
            resolve(m as T);
          },
        };
        const list = waiting.get(ev) ?? [];
        list.push(entry);
        waiting.set(ev, list);
        exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`${file} exited (${code}) before "${ev}": ${stderr.trim().slice(-1500)}`));
        });
      });
    },
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.send({ cmd: "exit" });
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    cpuMs() {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat (11 and 12 after the command's name and state).
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return Number.NaN;
      }
    },
  };
}

/** USER_HZ: the unit of /proc/<pid>/stat times on Linux. */
const CLOCK_TICKS = 100;
