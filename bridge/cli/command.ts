/** What a subcommand gets from the entry point: arguments, environment and output, nothing global. */
export interface CommandContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(line: string): void;
  err(line: string): void;
  /** Resolves on SIGINT or SIGTERM. */
  untilSignal(): Promise<void>;
  /**
   * Rewrites one status line in place (a progress bar) when stderr is a terminal; absent otherwise (pipes, files,
   * tests), where commands print plain lines through `err` instead.
   */
  status?(text: string): void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  help(): string;
  /** Returns the process exit code. */
  run(argv: readonly string[], ctx: CommandContext): Promise<number>;
}
