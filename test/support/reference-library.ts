// The reference decoder: @z0mt3c/f1-telemetry-client (a dev dependency), for formats 2018 to 2024.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { F1TelemetryClient } = require("@z0mt3c/f1-telemetry-client") as {
  F1TelemetryClient: {
    parseBufferMessage(buffer: Buffer, bigintEnabled?: boolean): { data: Record<string, unknown> } | undefined;
  };
};

export const REFERENCE_FORMATS = [2018, 2019, 2020, 2021, 2022, 2023, 2024] as const;

/** The reference's decode, or the error it threw; bigint mode on so sessionUID is kept exactly. */
export function referenceDecode(bytes: Buffer): Record<string, unknown> | Error | undefined {
  try {
    return F1TelemetryClient.parseBufferMessage(bytes, true)?.data;
  } catch (error) {
    return error as Error;
  }
}

/** The same call without bigint: the mode whose speed the benchmark compares against. */
export function referenceDecodeFast(bytes: Buffer): unknown {
  return F1TelemetryClient.parseBufferMessage(bytes, false);
}
