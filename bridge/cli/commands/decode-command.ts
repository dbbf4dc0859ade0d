import { readFile } from "node:fs/promises";
import { decode } from "../../f1/decode.ts";
import type { Command } from "../command.ts";
import { decodeRecording, isRecording } from "./decode-recording.ts";

/** The datagrams in one file: a raw `.bin` is one datagram; `.jsonl` is one {message: bytes} per line. */
export function datagramsOf(path: string, content: Buffer): Buffer[] {
  if (!path.endsWith(".jsonl")) return [content];
  return content
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const row = JSON.parse(line) as { message?: { data?: number[] } | number[] };
      const data = Array.isArray(row.message) ? row.message : row.message?.data;
      if (!Array.isArray(data)) throw new Error("a line has no message bytes");
      return Buffer.from(data);
    });
}

const HELP = `Usage: slipstream decode FILE...

Prints one JSON object per datagram: {file, index, packetFormat, name, header, data}, or
{file, index, rejected: {reason, detail}} for a datagram a strict decoder refuses.
FILE is a raw datagram (.bin, one datagram per file) or JSON Lines (.jsonl) whose lines carry the bytes in
"message" (as Node's Buffer JSON, {"type":"Buffer","data":[...]}, or a bare byte array).
The 64-bit sessionUID is printed as a decimal string. Exit code 0 when every file was readable (even if
some datagrams were rejected), 2 when a file could not be read or parsed.
FILE may also be a recording, told by its first bytes: a Slipstream capture (slipstream record), or a pcap
or pcapng file of UDP port 20777 (tcpdump, Wireshark); its objects also carry "timeUs" and "source".

Options:
  --help
      Show this help.`;

export const decodeCommand: Command = {
  name: "decode",
  summary: "Decode datagram files to JSON lines.",
  help: () => HELP,
  run: async (argv, ctx) => {
    const files = argv.filter((a) => !a.startsWith("--"));
    if (files.length === 0) {
      ctx.err("slipstream decode: no FILE given (see slipstream decode --help)");
      return 2;
    }
    let status = 0;
    for (const file of files) {
      if (await isRecording(file)) {
        status = Math.max(status, await decodeRecording(file, ctx));
        continue;
      }
      let datagrams: Buffer[];
      try {
        datagrams = datagramsOf(file, await readFile(file));
      } catch (error) {
        ctx.err(`slipstream decode: cannot read ${file}: ${(error as Error).message}`);
        status = 2;
        continue;
      }
      datagrams.forEach((bytes, index) => {
        const r = decode(bytes);
        const line = r.ok
          ? { file, index, ...r.packet }
          : { file, index, rejected: { reason: r.rejection.reason, detail: r.rejection.detail } };
        ctx.out(JSON.stringify(line));
      });
    }
    return status;
  },
};
