import { MemoryBus } from "../../../bridge/bus/memory-bus.ts";
import { busContract } from "./bus-contract.ts";

busContract("in-process bus", async () => ({ bus: new MemoryBus(), prefix: "contract", cleanup: async () => {} }));
