import { demoSampleFile, localTarget, startSampleLoop } from "../../../simulator/replay/sample-loop.ts";
import { BRIDGE_OPTIONS } from "../../config/bridge-config.ts";
import { GATEWAY_SERVER_OPTIONS } from "../../config/gateway-config.ts";
import { parseOptions, renderHelp } from "../../config/options.ts";
import { PIPELINE_OPTIONS, PROCESSOR_OPTIONS, STATE_OPTIONS } from "../../config/processing-config.ts";
import { startGateway } from "../../gateway/start-gateway.ts";
import { ensureWebClient } from "../../gateway/web-build.ts";
import { timingTable } from "../../processing/console/timing-table.ts";
import { startProcessor } from "../../processing/processor/run-processor.ts";
import { createStore } from "../../state/create-store.ts";
import type { Command } from "../command.ts";
import { runBridge } from "./bridge-command.ts";
import { urlHost } from "./gateway-command.ts";

/** The demo's defaults: everything embedded, a faster summary with a line per session, live timing. */
const DEMO_OPTIONS = {
  ...BRIDGE_OPTIONS,
  ...PIPELINE_OPTIONS,
  ...STATE_OPTIONS,
  ...GATEWAY_SERVER_OPTIONS,
  summaryIntervalS: { ...BRIDGE_OPTIONS.summaryIntervalS, default: 2 },
  sample: {
    type: "string",
    flag: "sample",
    env: "SLIPSTREAM_DEMO_SAMPLE",
    default: "race",
    help: "Replayed in a loop at 1x to the demo's own UDP port as a game sends, new sessions each loop, so the demo is alive without a game: race (recordings/sample-race.slipcap.gz), a recording's path, or none.",
  },
} as const;

export const demoCommand: Command = {
  name: "demo",
  summary: "The live demo on embedded defaults (npm start): bridge and processor in one process, live timing.",
  help: () =>
    renderHelp(
      "slipstream demo [options]",
      "Runs Slipstream in one process with no Kafka or Redis needed: the UDP bridge, the processor and the web gateway\non the in-process bus and an in-memory state store (or on Kafka and Redis with KAFKA_BROKERS and REDIS_URL),\nprinting a live summary and a timing table per session, and the URL of the live web view.",
      DEMO_OPTIONS,
    ),
  run: async (argv, ctx) => {
    const { config } = parseOptions(DEMO_OPTIONS, argv, ctx.env);
    // The processor's own settings at their defaults, on the demo's bus, pipeline settings and prefix.
    const processorConfig = { ...parseOptions(PROCESSOR_OPTIONS, [], {}).config, ...config };
    return runBridge(config, ctx, true, async (bus, log, udpPort) => {
      const store = createStore(config, (e) => log.warn({ err: e }, "state store connection"));
      await store.connect();
      const processor = await startProcessor(processorConfig, bus, store, log);
      await ensureWebClient(config.staticDir, ctx.out);
      const gateway = await startGateway(config, bus, store, log).catch(async (error: unknown) => {
        await processor.stop();
        throw error;
      });
      ctx.out(
        `Watch live: http://${urlHost(config.httpHost)}:${gateway.port}/ (phones on this network: --http-host 0.0.0.0)`,
      );
      const file = demoSampleFile(config.sample);
      const target = localTarget(config.udpHost, udpPort);
      const sample = file
        ? await startSampleLoop(file, target, { onError: (e) => ctx.err(`sample replay stopped: ${e}`) }).catch(
            async (error: unknown) => {
              await processor.stop();
              throw error;
            },
          )
        : undefined;
      if (sample) ctx.out(`Replaying ${file} in a loop to ${target.host}:${udpPort} (--sample none: off).`);
      return {
        lines: () => processor.sessions().flatMap(({ pipeline }) => timingTable(pipeline)),
        stop: async () => {
          await sample?.stop();
          await gateway.stop();
          await processor.stop();
          await store.close();
        },
      };
    });
  },
};
