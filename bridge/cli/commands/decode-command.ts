import { readFile } from "node:fs/promises";
import { decode } from "../../f1/decode.ts";
import type { Command } from "../command.ts";
import { decodeRecording, isRecording } from "./decode-recording.ts";

/** One datagram of a file, or why its line of a `.jsonl` file holds none. `line` is 1-based, for .jsonl only. */
export type FileEntry =
  | { readonly line?: number; readonly bytes: Buffer }
  | { readonly line: number; readonly malformed: string };

function parseLine(text: string): Buffer | string {
  let row: { message?: { data?: unknown } | unknown };
  try {
    row = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const message = row?.message;
  if (message === undefined) return 'no "message" with the datagram bytes';
  const data = Array.isArray(message) ? message : (message as { data?: unknown })?.data;
  // Buffer.from would quietly wrap 300 to 44 and -1 to 255: a wrong datagram instead of a refused line.
  if (!Array.isArray(data) || !data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return '"message" is not a byte array';
  }
  return Buffer.from(data as number[]);
}

/** The datagrams in one file: a raw `.bin` is one datagram; `.jsonl` is one {message: bytes} per line. */
export function datagramsOf(path: string, content: Buffer): FileEntry[] {
  if (!path.endsWith(".jsonl")) return [{ bytes: content }];
  const entries: FileEntry[] = [];
  content
    .toString("utf8")
    .split("\n")
    .forEach((text, i) => {
      if (text.trim() === "") return;
      const parsed = parseLine(text);
      entries.push(typeof parsed === "string" ? { line: i + 1, malformed: parsed } : { line: i + 1, bytes: parsed });
    });
  return entries;
}

const HELP = `Usage: slipstream decode FILE...

Prints one JSON object per datagram: {file, index, packetFormat, name, header, data}, or
{file, index, rejected: {reason, detail}} for a datagram a strict decoder refuses.
FILE is a raw datagram (.bin, one datagram per file) or JSON Lines (.jsonl) whose lines carry the bytes in
"message" (as Node's Buffer JSON, {"type":"Buffer","data":[...]}, or a bare byte array). Objects from a .jsonl
file also carry its line number, "line"; a line without datagram bytes is rejected with reason
"malformed-line" and the rest of the file is still decoded.
The 64-bit sessionUID is printed as a decimal string. Exit code 0 when every file was readable (even if
some datagrams were rejected), 2 when a file could not be read.
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
      let entries: FileEntry[];
      try {
        entries = datagramsOf(file, await readFile(file));
      } catch (error) {
        ctx.err(`slipstream decode: cannot read ${file}: ${(error as Error).message}`);
        status = 2;
        continue;
      }
      entries.forEach((entry, index) => {
        const where = entry.line === undefined ? { file, index } : { file, index, line: entry.line };
        if ("malformed" in entry) {
          ctx.out(JSON.stringify({ ...where, rejected: { reason: "malformed-line", detail: entry.malformed } }));
          return;
        }
        const r = decode(entry.bytes);
        const out = r.ok
          ? { ...where, ...r.packet }
          : { ...where, rejected: { reason: r.rejection.reason, detail: r.rejection.detail } };
        ctx.out(JSON.stringify(out));
      });
    }
    return status;
  },
};
