import { SlipstreamError } from "../errors.ts";
import type { Command, CommandContext } from "./command.ts";
import { analyzeCommand } from "./commands/analyze-command.ts";
import { bridgeCommand } from "./commands/bridge-command.ts";
import { decodeCommand } from "./commands/decode-command.ts";
import { demoCommand } from "./commands/demo-command.ts";
import { gatewayCommand } from "./commands/gateway-command.ts";
import { importCommand } from "./commands/import-command.ts";
import { processorCommand } from "./commands/processor-command.ts";
import { recordCommand } from "./commands/record-command.ts";
import { replayCommand } from "./commands/replay-command.ts";
import { simulateCommand } from "./commands/simulate-command.ts";

const COMMANDS: readonly Command[] = [
  demoCommand,
  bridgeCommand,
  processorCommand,
  gatewayCommand,
  decodeCommand,
  analyzeCommand,
  recordCommand,
  replayCommand,
  simulateCommand,
  importCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: slipstream <command> [options]",
    "",
    "Slipstream bridges F1 game UDP telemetry (2018 to F1 25) into Kafka and live analytics.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `slipstream <command> --help` for a command's options.",
  ].join("\n");
}

/** What the system's error codes mean to someone starting the bridge. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: "address already in use (another program, or another slipstream, has that port)",
  EACCES: "permission denied (ports below 1024 need privileges)",
  EADDRNOTAVAIL: "this machine has no such address",
  ENOTFOUND: "no such host name",
  EAI_AGAIN: "the host name could not be looked up",
};

/** One line: the message, then its cause once (the cause's text is often already in the message). */
function describe(error: SlipstreamError): string {
  const cause = error.cause as (Error & { code?: unknown }) | undefined;
  if (cause === undefined) return error.message;
  const code = typeof cause.code === "string" ? cause.code : "";
  const text = SYSTEM_ERRORS[code] ? `${SYSTEM_ERRORS[code]} [${code}]` : (cause.message ?? String(cause));
  const line = error.message.includes(text) ? error.message : `${error.message}: ${text}`;
  return line.replaceAll("\n", " ");
}

export async function main(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    ctx.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.err(`slipstream: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    ctx.out(command.help());
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (error instanceof SlipstreamError) {
      ctx.err(`slipstream ${name}: ${describe(error)}`);
      return error.code === "invalid-config" ? 2 : 1;
    }
    throw error;
  }
}

export function processContext(): CommandContext {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    untilSignal: () =>
      new Promise((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
    status: process.stderr.isTTY ? (text) => process.stderr.write(`\r${text}\x1b[K`) : undefined,
  };
}
