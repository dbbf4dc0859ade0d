// A timed 60 Hz packet mix from real datagrams: what a game sends, as a recording would hold it.
import { sixtyHertzMix } from "../../../bench/decode-mix.ts";
import { CaptureWriter } from "../../../simulator/capture/writer.ts";

export interface TimedDatagram {
  readonly timeUs: number;
  readonly bytes: Buffer;
}

/**
 * `seconds` of one F1 24 game at 60 Hz (the benchmark's mix: about 300 datagrams a second): each frame's
 * datagrams in a burst 30 µs apart, frames 16,667 µs apart.
 */
export function sixtyHertzTimeline(seconds: number): TimedDatagram[] {
  const mix = sixtyHertzMix(); // five seconds' worth
  const frames = Math.round(seconds * 60);
  const perFrame = mix.length / 300;
  const out: TimedDatagram[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const from = Math.round(frame * perFrame);
    const to = Math.round((frame + 1) * perFrame);
    for (let i = from; i < to; i++) {
      out.push({ timeUs: Math.round(frame * 16_666.67) + (i - from) * 30, bytes: mix[i % mix.length] as Buffer });
    }
  }
  return out;
}

export function writeCapture(path: string, timeline: readonly TimedDatagram[], source = "192.168.1.20:50000"): void {
  const writer = CaptureWriter.create(path, { sources: true, startUnixUs: 1_764_000_000_000_000, overwrite: true });
  for (const d of timeline) writer.append(d.timeUs, d.bytes, source);
  writer.close();
}
