// `slipstream decode` on recordings (Slipstream captures, pcap, pcapng), streamed through the simulator's input.

import { detectInputKind, openInput, RECORDING_KINDS } from "../../../simulator/capture/open-input.ts";
import { SlipstreamError } from "../../errors.ts";
import { decode } from "../../f1/decode.ts";
import type { CommandContext } from "../command.ts";

/** Whether `file` is a recording by its first bytes; false for anything unreadable (decode reports that itself). */
export async function isRecording(file: string): Promise<boolean> {
  try {
    return RECORDING_KINDS.includes(await detectInputKind(file));
  } catch {
    return false;
  }
}

/**
 * One JSON object per datagram, as for other files, plus "timeUs" (and "source" where recorded). Returns the exit
 * status: 0, or 2 when the file could not be read to its end. A cut tail is reported on stderr, not an error.
 */
export async function decodeRecording(file: string, ctx: CommandContext): Promise<number> {
  let index = 0;
  try {
    const input = await openInput(file);
    for await (const { bytes, timeUs, source } of input) {
      const where = {
        file,
        index: index++,
        ...(timeUs === undefined ? {} : { timeUs }),
        ...(source ? { source } : {}),
      };
      const r = decode(bytes);
      const out = r.ok
        ? { ...where, ...r.packet }
        : { ...where, rejected: { reason: r.rejection.reason, detail: r.rejection.detail } };
      ctx.out(JSON.stringify(out));
    }
    const { truncatedTail, frames } = input.report();
    if (truncatedTail) {
      ctx.err(
        `slipstream decode: ${file} ends inside an entry at byte ${truncatedTail.offset} (${truncatedTail.bytes} bytes of it; cut short while recording): that entry is lost`,
      );
    }
    if (frames && frames.frames !== frames.datagrams) {
      const skipped = Object.entries(frames)
        .filter(([k, v]) => k !== "frames" && k !== "datagrams" && v > 0)
        .map(([k, v]) => `${v} ${k}`);
      ctx.err(
        `slipstream decode: ${file}: ${frames.datagrams} of ${frames.frames} packets read; skipped ${skipped.join(", ")}`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SlipstreamError)) throw error;
    ctx.err(`slipstream decode: cannot read ${file}: ${error.message}`);
    return 2;
  }
}
