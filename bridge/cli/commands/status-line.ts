import type { CommandContext } from "../command.ts";

export interface StatusLine {
  /** Prints the final line (as a plain line) and stops the updates. */
  finish(text: string): void;
}

/**
 * A live progress line on stderr: rewritten in place every `ttyMs` on a terminal; elsewhere (pipes, files, tests)
 * one plain line every `plainMs`, so a log is not flooded.
 */
export function startStatusLine(
  ctx: CommandContext,
  render: () => string,
  options: { ttyMs?: number; plainMs?: number } = {},
): StatusLine {
  const status = ctx.status?.bind(ctx);
  const timer = setInterval(
    () => (status ? status(render()) : ctx.err(render())),
    status ? (options.ttyMs ?? 200) : (options.plainMs ?? 5000),
  );
  timer.unref();
  return {
    finish(text) {
      clearInterval(timer);
      if (status) status("");
      ctx.err(text);
    },
  };
}

/** A text bar of `width` cells for a fraction 0 to 1. */
export function bar(fraction: number, width = 24): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${"-".repeat(width - full)}] ${(f * 100).toFixed(0).padStart(3)}%`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** Microseconds as m:ss.s (or h:mm:ss). */
export function formatDuration(us: number): string {
  const s = us / 1e6;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const sec = h > 0 ? rest.toFixed(0).padStart(2, "0") : rest.toFixed(1).padStart(4, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
