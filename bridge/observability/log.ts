import { pino } from "pino";

export type Logger = pino.Logger;
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Structured logs, one JSON line per event, on stderr (stdout is for command output and summaries). */
export function createLogger(level: LogLevel, name = "slipstream"): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination(2));
}
