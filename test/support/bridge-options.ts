import type { BridgeOptions } from "../../bridge/ingest/bridge.ts";

/** A bridge on a free loopback port with nothing limited, for tests to override. */
export const testBridgeOptions: BridgeOptions = {
  udpHost: "127.0.0.1",
  udpPort: 0,
  receiveBufferBytes: 4 * 1024 * 1024,
  topicPrefix: "t",
  topicPartitions: 1,
  topicRetentionMs: 3_600_000,
  rigId: undefined,
  lingerMs: 2,
  maxBatchRecords: 100,
  maxBatchBytes: 1024 * 1024,
  queueMaxBytes: 64 * 1024 * 1024,
  dropPolicy: "drop-newest",
  ratePerSource: 0,
  allow: [],
  forwardTo: [],
};
